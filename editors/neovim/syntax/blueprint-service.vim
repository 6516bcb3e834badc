" Highlighting for .blueprint files (the language server adds diagnostics, not colours, on
" Neovim before 0.9). Keep in step with the TextMate grammar of the VS Code extension.
if exists('b:current_syntax')
  finish
endif

syn keyword blueprintDeclaration import service server store enum entity api probes deploy
syn keyword blueprintKeyword resource route where and order by asc desc limit
syn keyword blueprintBoolean true false
syn keyword blueprintFunction env
syn keyword blueprintType string text int long decimal bool uuid timestamp date
syn keyword blueprintMethod GET POST PUT PATCH DELETE
syn match blueprintAttribute "@[A-Za-z_][A-Za-z0-9_]*"
syn match blueprintParameter "\$[A-Za-z_][A-Za-z0-9_]*"
syn match blueprintQuantity "\<\d\+\(\.\d\+\)\=\([A-Za-z]\+\|%\)"
syn match blueprintNumber "-\=\<\d\+\(\.\d\+\)\=\>"
syn match blueprintOperator "->\|==\|\.\.\|?\|="
syn region blueprintString start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ contains=blueprintEscape
syn match blueprintEscape "\\\(u{\x\+}\|.\)" contained
syn match blueprintDoc "///.*$" contains=@Spell
syn match blueprintComment "//[^/].*$\|//$" contains=@Spell
syn region blueprintComment start="/\*" end="\*/" contains=@Spell

hi def link blueprintDeclaration Structure
hi def link blueprintKeyword Keyword
hi def link blueprintBoolean Boolean
hi def link blueprintFunction Function
hi def link blueprintType Type
hi def link blueprintMethod Constant
hi def link blueprintAttribute PreProc
hi def link blueprintParameter Identifier
hi def link blueprintQuantity Number
hi def link blueprintNumber Number
hi def link blueprintOperator Operator
hi def link blueprintString String
hi def link blueprintEscape SpecialChar
hi def link blueprintDoc SpecialComment
hi def link blueprintComment Comment

let b:current_syntax = 'blueprint-service'
