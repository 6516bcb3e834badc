// The blueprint lexer. It never fails: every character belongs to some token, an
// unterminated block comment runs to the end of the file, an unterminated string to the
// end of its line (strings cannot span lines), and anything else is an ERROR_CHAR that
// the parser reports.
lexer grammar BlueprintLexer;

channels { COMMENTS }

// Keywords. Most are also accepted as names where the parser allows (see `name`).
IMPORT   : 'import';
SERVICE  : 'service';
SERVER   : 'server';
STORE    : 'store';
ENUM     : 'enum';
ENTITY   : 'entity';
API      : 'api';
RESOURCE : 'resource';
ROUTE    : 'route';
PROBES   : 'probes';
DEPLOY   : 'deploy';
WHERE    : 'where';
AND      : 'and';
ORDER    : 'order';
BY       : 'by';
ASC      : 'asc';
DESC     : 'desc';
LIMIT    : 'limit';
TRUE     : 'true';
FALSE    : 'false';
ENV      : 'env';
SECURITY : 'security';
REQUIRES : 'requires';
PUBLIC   : 'public';

// A number glued to a unit: 30s, 512MiB, 500m, 70%.
QUANTITY : DIGITS ('.' DIGITS)? (UNIT_LETTER+ | '%');
DECIMAL  : '-'? DIGITS '.' DIGITS;
INT      : '-'? DIGITS;

STRING              : '"' (ESCAPE | ~["\\\r\n])* '"';
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* '\\'?;

IDENT    : [A-Za-z_] [A-Za-z0-9_]*;

DOTDOT   : '..';
ARROW    : '->';
EQEQ     : '==';
ASSIGN   : '=';
LBRACE   : '{';
RBRACE   : '}';
LPAREN   : '(';
RPAREN   : ')';
LBRACK   : '[';
RBRACK   : ']';
COMMA    : ',';
COLON    : ':';
QUESTION : '?';
AT       : '@';
DOLLAR   : '$';

DOC_COMMENT   : '///' ~[\r\n]* -> channel(COMMENTS);
LINE_COMMENT  : '//' ~[\r\n]* -> channel(COMMENTS);
BLOCK_COMMENT : '/*' .*? ('*/' | EOF) -> channel(COMMENTS);

WS : [ \t\r\n\f]+ -> channel(HIDDEN);

ERROR_CHAR : .;

fragment DIGITS      : [0-9]+;
fragment UNIT_LETTER : [A-Za-z];
fragment ESCAPE      : '\\' (["\\nt] | 'u{' [0-9A-Fa-f]* '}' | ~[\r\n]);
