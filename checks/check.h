/*
 * check.h - the only header a rule includes: rule metadata, the check
 * context it reports through (src/engine/engine.h), the typed Compose model
 * and the template view for template-level rules.
 */
#ifndef ECS_CHECK_H
#define ECS_CHECK_H

#include "../src/core/diag.h"
#include "../src/core/rule.h"
#include "../src/engine/engine.h"
#include "../src/engine/facts.h"
#include "../src/engine/template_view.h"
#include "../src/model/model.h"

#endif
