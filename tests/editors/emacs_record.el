;;; emacs_record.el --- Headless Emacs with eglot, after the documented snippet -*- lexical-binding: t -*-
;; Open a code file and spec.toml, check both are managed by one specls server, record a
;; decision with the quick fix, and wait for the code's diagnostics to change. Writes what
;; it saw as JSON to SPECLS_OUT.
(require 'json)
(require 'flymake)

(defvar specls-test--result nil)

(defun specls-test--finish (ok why)
  (push (cons 'ok (if ok t :json-false)) specls-test--result)
  (push (cons 'why (or why "")) specls-test--result)
  (with-temp-file (getenv "SPECLS_OUT")
    (insert (json-encode specls-test--result)))
  (kill-emacs (if ok 0 1)))

(defun specls-test--wait (pred seconds)
  (let ((end (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) end))
      (accept-process-output nil 0.05))
    (funcall pred)))

(defun specls-test--lsp-diags ()
  "The LSP diagnostics eglot holds for the current buffer."
  (delq nil (mapcar (lambda (d) (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d))))
                    eglot--diagnostics)))

(defun specls-test--codes (buffer)
  (with-current-buffer buffer
    (sort (mapcar (lambda (d) (format "%s" (plist-get d :code))) (specls-test--lsp-diags))
          #'string<)))

(defun specls-test--visit (file)
  "Visit FILE as a person does: the command ends, eglot-ensure connects."
  (let ((buffer (find-file-noselect file)))
    (set-buffer buffer)
    (run-hooks 'post-command-hook)
    buffer))

(let* ((code (specls-test--visit (getenv "SPECLS_FILE")))
       (server nil))
  (unless (specls-test--wait (lambda () (member "R101" (specls-test--codes code))) 60)
    (specls-test--finish nil "no R101 on the code file"))
  (push (cons 'before (vconcat (specls-test--codes code))) specls-test--result)
  (setq server (with-current-buffer code (eglot-current-server)))
  (let ((spec (specls-test--visit (getenv "SPECLS_SPEC"))))
    (unless (specls-test--wait (lambda () (with-current-buffer spec eglot--managed-mode)) 30)
      (specls-test--finish nil "spec.toml is not managed"))
    (push (cons 'same_server (if (eq server (with-current-buffer spec (eglot-current-server)))
                                 t :json-false))
          specls-test--result)
    (push (cons 'servers (length (hash-table-values eglot--servers-by-project)))
          specls-test--result)
    ;; the quick fix on the first R101, asked as eglot-code-actions asks
    (with-current-buffer code
      (let* ((diag (seq-find (lambda (d) (equal (plist-get d :code) "R101"))
                             (specls-test--lsp-diags)))
             (actions (jsonrpc-request
                       server :textDocument/codeAction
                       (list :textDocument (eglot--TextDocumentIdentifier)
                             :range (plist-get diag :range)
                             :context (list :diagnostics (vector diag)))))
             (action (seq-find (lambda (a) (string-prefix-p "Record decision: `Inventory.items` is `dict`"
                                                            (plist-get a :title)))
                               actions)))
        (unless action (specls-test--finish nil "no Record decision action"))
        (push (cons 'complete (if (or (plist-get action :edit) (plist-get action :command))
                                  t :json-false))
              specls-test--result)
        ;; as eglot-code-actions runs a chosen action: its edit, then its command
        (let ((edit (plist-get action :edit))
              (command (plist-get action :command)))
          (when edit (eglot--apply-workspace-edit edit))
          (when command
            (eglot-execute-command server (intern (plist-get command :command))
                                   (plist-get command :arguments))))))
    ;; eglot sends the spec buffer's change when Emacs is idle: in batch Emacs never is
    (with-current-buffer spec (eglot--signal-textDocument/didChange))
    (unless (specls-test--wait (lambda () (let ((now (specls-test--codes code)))
                                            (and (member "R102" now) (not (member "R101" now)))))
                               60)
      (push (cons 'after (vconcat (specls-test--codes code))) specls-test--result)
      (specls-test--finish nil "the code's diagnostics did not change"))
    (push (cons 'after (vconcat (specls-test--codes code))) specls-test--result)
    (push (cons 'spec_text (with-current-buffer spec (buffer-string))) specls-test--result)
    (specls-test--finish t nil)))
