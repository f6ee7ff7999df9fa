/*
 * ecs311_secret_file.c - a file-based secret whose content cannot become a
 * Secrets Manager secret: the file is missing or unreadable, larger than a
 * secret holds, not text, or the secret has no file at all (environment:).
 * Reported by src/convert/secrets.c, which reads the file at conversion
 * time; this file holds the metadata.  The content is never printed.
 */
#include "check.h"

const struct ecs_rule ECS311_rule = {
	.id = "ECS311",
	.name = "secret-file",
	.summary = "a secret's file cannot become a Secrets Manager secret (missing, too large, not text)",
	.source_url = "https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html",
	.since = "0.1.0",
	.severity = ECS_SEV_ERROR,
	.tags = ECS_TAG_CFN,
	.fix = ECS_FIX_NONE,
};
