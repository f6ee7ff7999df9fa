;;; flycheck-ecslint.el --- Flycheck checker for ecslint  -*- lexical-binding: t; -*-

;; URL: https://github.com/ecslint/ecslint
;; Package-Requires: ((emacs "26.1") (flycheck "32"))
;; Version: 0.1.0

;;; Commentary:

;; Checks Docker Compose buffers for Amazon ECS/Fargate and CloudFormation
;; problems with ecslint.  The buffer is sent on standard input under its
;; own name and ecslint answers in SARIF, which flycheck parses itself
;; (rule id, severity, start and end of each span, related locations).
;;
;;   (require 'flycheck-ecslint)
;;   (flycheck-ecslint-setup)
;;
;; `flycheck-explain-error-at-point' opens the rule's page.

;;; Code:

(require 'flycheck)

(defgroup flycheck-ecslint nil
  "Flycheck checker for ecslint."
  :group 'flycheck
  :prefix "flycheck-ecslint-")

(defconst flycheck-ecslint-compose-regexp
  "\\`\\(docker-\\)?compose.*\\.ya?ml\\'"
  "File names Docker Compose reads.")

(defun flycheck-ecslint--compose-buffer-p ()
  "Non-nil when the buffer visits a Compose file."
  (and buffer-file-name
       (string-match-p flycheck-ecslint-compose-regexp
                       (file-name-nondirectory buffer-file-name))))

(flycheck-define-checker ecslint
  "Docker Compose checker for Amazon ECS/Fargate, using ecslint.

See URL `https://github.com/ecslint/ecslint'."
  :command ("ecslint" "check" "--format" "sarif" "--color=never"
            "--stdin-filename" source-original "-")
  :standard-input t
  :error-parser flycheck-parse-sarif
  ;; Rule pages are checks/ecsNNN_<name>.md in the repository.
  :error-explainer
  (lambda (err)
    (and (flycheck-error-id err)
         '(url . "https://github.com/ecslint/ecslint/tree/main/checks")))
  :predicate flycheck-ecslint--compose-buffer-p
  :modes (yaml-mode yaml-ts-mode docker-compose-mode))

;;;###autoload
(defun flycheck-ecslint-setup ()
  "Register the ecslint checker with flycheck."
  (interactive)
  (add-to-list 'flycheck-checkers 'ecslint))

(provide 'flycheck-ecslint)
;;; flycheck-ecslint.el ends here
