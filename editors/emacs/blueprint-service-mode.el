;;; blueprint-service-mode.el --- Major mode for Blueprint service files, with eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages

;;; Commentary:

;; Editing `.blueprint' service descriptions: highlighting, comments, indentation, and the
;; Blueprint language server through eglot (diagnostics in flymake, completion, hover in
;; eldoc, xref, rename, formatting).
;;
;;   (add-to-list 'load-path "/path/to/blueprint/editors/emacs")
;;   (require 'blueprint-service-mode)
;;   (add-hook 'blueprint-service-mode-hook #'eglot-ensure)
;;
;; The server command is `blueprint-service-server-command' (default: `blueprint lsp' from
;; PATH).  The mode is called blueprint-service-mode, so eglot sends the language id
;; "blueprint-service"; `blueprint' is GNOME's Blueprint UI language.

;;; Code:

(defgroup blueprint-service nil
  "Blueprint service descriptions."
  :group 'languages
  :prefix "blueprint-service-")

(defcustom blueprint-service-server-command '("blueprint" "lsp")
  "The command that starts the Blueprint language server on standard input and output.
For a jar without the launcher: (\"java\" \"-XX:+UseSerialGC\" \"-Xss4m\" \"-jar\"
\"/path/to/blueprint.jar\" \"lsp\")."
  :type '(repeat string))

(defcustom blueprint-service-indent-offset 2
  "Indentation of a block's contents."
  :type 'integer)

(defconst blueprint-service--declarations
  '("import" "service" "server" "store" "enum" "entity" "api" "probes" "deploy" "security"))

(defconst blueprint-service--keywords
  '("resource" "route" "where" "and" "order" "by" "asc" "desc" "limit" "public" "requires"))

(defconst blueprint-service--types
  '("string" "text" "int" "long" "decimal" "bool" "uuid" "timestamp" "date"))

(defvar blueprint-service-font-lock-keywords
  `((,(regexp-opt blueprint-service--declarations 'symbols) . font-lock-keyword-face)
    (,(concat (regexp-opt '("service" "store" "enum" "entity") 'symbols) "[ \t]+\\([A-Za-z_][A-Za-z0-9_]*\\)")
     2 font-lock-type-face)
    (,(regexp-opt blueprint-service--keywords 'symbols) . font-lock-keyword-face)
    (,(regexp-opt blueprint-service--types 'symbols) . font-lock-builtin-face)
    ("\\_<\\(GET\\|POST\\|PUT\\|PATCH\\|DELETE\\)\\_>" . font-lock-constant-face)
    ("\\_<\\(true\\|false\\)\\_>" . font-lock-constant-face)
    ("\\_<env\\_>" . font-lock-builtin-face)
    ("\\_<requires[ \t]+\\(role\\)\\_>" 1 font-lock-builtin-face)
    ("@[A-Za-z_][A-Za-z0-9_]*" . font-lock-preprocessor-face)
    ("\\$[A-Za-z_][A-Za-z0-9_]*" . font-lock-variable-name-face)
    ("^[ \t]*\\([A-Za-z_][A-Za-z0-9_]*\\)[ \t]*:" 1 font-lock-variable-name-face)
    ("->[ \t]*\\([A-Za-z_][A-Za-z0-9_]*\\)" 1 font-lock-type-face)
    (":[ \t]*\\([A-Z][A-Za-z0-9_]*\\)" 1 font-lock-type-face)
    ("\\_<[0-9]+\\(?:\\.[0-9]+\\)?\\(?:[A-Za-z]+\\|%\\)?" . font-lock-constant-face))
  "Highlighting before (and besides) the language server.")

(defvar blueprint-service-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?/ ". 124b" table)
    (modify-syntax-entry ?* ". 23" table)
    (modify-syntax-entry ?\n "> b" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?@ "'" table)
    (modify-syntax-entry ?$ "'" table)
    table)
  "Syntax table: // and /* */ comments, \"strings\" with backslash escapes.")

(defun blueprint-service-indent-line ()
  "Indent the current line by the depth of its braces and brackets."
  (interactive)
  (let* ((depth (save-excursion
                  (beginning-of-line)
                  (car (syntax-ppss))))
         (closing (save-excursion
                    (back-to-indentation)
                    (looking-at-p "[]})]")))
         (column (* blueprint-service-indent-offset (max 0 (if closing (1- depth) depth)))))
    (if (<= (current-column) (current-indentation))
        (indent-line-to column)
      (save-excursion (indent-line-to column)))))

;;;###autoload
(define-derived-mode blueprint-service-mode prog-mode "Blueprint"
  "Major mode for Blueprint service descriptions (`.blueprint' files)."
  :syntax-table blueprint-service-mode-syntax-table
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "//+[ \t]*\\|/\\*+[ \t]*")
  (setq-local indent-line-function #'blueprint-service-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local electric-indent-chars (append '(?\} ?\]) electric-indent-chars))
  (setq-local font-lock-defaults '(blueprint-service-font-lock-keywords)))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.blueprint\\'" . blueprint-service-mode))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `(blueprint-service-mode . ,(lambda (&rest _) blueprint-service-server-command))))

(provide 'blueprint-service-mode)
;;; blueprint-service-mode.el ends here
