;;; emacs-session.el --- Headless Emacs session with eglot and the Blueprint server  -*- lexical-binding: t; -*-
;; Opens a blueprint with a mistake through editors/emacs/blueprint-service-mode.el, and
;; through eglot receives the diagnostic (in flymake), completion items and a hover.
;;   BLUEPRINT_FILE=… BLUEPRINT_CMD="…/blueprint lsp" emacs -Q --batch \
;;     -l editors/emacs/blueprint-service-mode.el -l editors/test/emacs-session.el
(require 'package)
;; Debian installs elpa-eglot under site-lisp/elpa, which -Q leaves out of the package path
(add-to-list (quote package-directory-list) "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'flymake)

(defun bp-say (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defun bp-fail (fmt &rest args)
  (message "emacs-session: FAILED: %s" (apply #'format fmt args))
  (kill-emacs 1))

(defun bp-wait (seconds pred)
  "Process server output until PRED holds or SECONDS pass; return PRED's value."
  (let ((deadline (+ (float-time) seconds)) value)
    (while (and (not (setq value (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(condition-case err
    (let* ((file (or (getenv "BLUEPRINT_FILE") (bp-fail "set BLUEPRINT_FILE")))
           (cmd (split-string (or (getenv "BLUEPRINT_CMD") (bp-fail "set BLUEPRINT_CMD")))))
      (setq blueprint-service-server-command cmd)
      (setq eglot-sync-connect t)
      (bp-say "$ emacs %s    (Emacs %s, eglot %s)" (file-name-nondirectory file) emacs-version
              (let ((desc (cadr (assq 'eglot package-alist))))
                (if desc (package-version-join (package-desc-version desc)) "?")))
      (find-file file)
      (bp-say "major mode: %s" major-mode)
      (unless (eq major-mode 'blueprint-service-mode) (bp-fail "the mode is %s" major-mode))
      ;; indentation: strip every indent, re-indent, and get the canonical layout back
      (let ((before (buffer-string)))
        (goto-char (point-min))
        (while (re-search-forward "^[ \t]+" nil t) (replace-match ""))
        (indent-region (point-min) (point-max))
        (unless (equal before (buffer-string)) (bp-fail "indent-region gave another layout:\n%s" (buffer-string)))
        (set-buffer-modified-p nil)
        (bp-say "indentation: indent-region restores the canonical layout"))
      ;; what eglot-ensure does after a command; a batch session has no commands
      (apply #'eglot (eglot--guess-contact))
      (let ((server (bp-wait 60 #'eglot-current-server)))
        (unless server (bp-fail "eglot did not connect within 60 s"))
        (bp-say "connected: %s (%s)" (eglot--project-nickname server)
                (mapconcat #'identity (cons (file-name-nondirectory (car cmd)) (cdr cmd)) " ")))
      ;; diagnostics, as flymake shows them
      (flymake-start)
      (let ((diags (bp-wait 30 (lambda () (flymake-start) (flymake-diagnostics)))))
        (unless diags (bp-fail "no diagnostics within 30 s"))
        (dolist (d diags)
          (save-excursion
            (goto-char (flymake-diagnostic-beg d))
            (bp-say "diagnostic: %s:%d:%d: %s: %s" (file-name-nondirectory file) (line-number-at-pos) (1+ (current-column))
                    (flymake-diagnostic-type d) (flymake-diagnostic-text d))))
        (unless (seq-find (lambda (d) (string-match-p "unknown type 'Staus'; did you mean 'Status'" (flymake-diagnostic-text d))) diags)
          (bp-fail "the diagnostic for Staus did not arrive")))
      ;; completion in the type position of `status: Staus'
      (goto-char (point-min))
      (search-forward "status: ")
      (let* ((capf (eglot-completion-at-point))
             (table (nth 2 capf))
             (labels (sort (all-completions "" table) #'string<)))
        (bp-say "completion at %d:%d: %d items: %s" (line-number-at-pos) (1+ (current-column)) (length labels)
                (mapconcat #'identity labels ", "))
        (dolist (want '("Status" "string" "uuid"))
          (unless (member want labels) (bp-fail "completion lacks %s" want))))
      ;; hover on the entity in `resource "/tasks" Task'
      (goto-char (point-min))
      (search-forward "resource \"/tasks\" T")
      (let* ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams)))
             (contents (plist-get hover :contents))
             (text (if (stringp contents) contents (or (plist-get contents :value) (format "%S" contents)))))
        (bp-say "hover at %d:%d:" (line-number-at-pos) (1+ (current-column)))
        (dolist (l (split-string (string-trim text) "\n")) (bp-say "  | %s" l))
        (unless (string-match-p "Something to do\\." text) (bp-fail "the hover lacks the doc comment")))
      (eglot-shutdown (eglot-current-server))
      (bp-say "ok")
      (kill-emacs 0))
  (error (bp-fail "%S" err)))
