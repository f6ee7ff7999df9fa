/*
 * check.h - the only header a rule includes: rule metadata, the diagnostic
 * API and (once the model exists) the typed Compose model.
 */
#ifndef ECS_CHECK_H
#define ECS_CHECK_H

#include "../src/core/diag.h"
#include "../src/core/rule.h"

#endif
