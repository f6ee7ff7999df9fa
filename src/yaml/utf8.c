/*
 * utf8.c - strict UTF-8 validation (no overlongs, no surrogates, <= U+10FFFF)
 * and NUL detection, done before parsing so the diagnostic lands on the byte.
 */
#include <stdint.h>

#include "yaml_load.h"

long ecs_utf8_check(const char *str, size_t len, const char **why)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		uint32_t cp;
		size_t need;

		if (c < 0x80) {
			if (c == 0) {
				*why = "NUL byte";
				return (long)i;
			}
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			cp = c & 0x07;
		} else {
			*why = "invalid UTF-8 lead byte";
			return (long)i;
		}
		for (size_t k = 1; k <= need; k++) {
			/* Cut off by the end only if what is there continues the sequence. */
			if (i + k >= len) {
				*why = "truncated UTF-8 sequence";
				return (long)i;
			}
			if ((s[i + k] & 0xC0) != 0x80) {
				*why = "invalid UTF-8 continuation byte";
				return (long)i;
			}
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000)) {
			*why = "overlong UTF-8 sequence";
			return (long)i;
		}
		if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
			*why = "UTF-8 encodes an invalid code point";
			return (long)i;
		}
		i += need + 1;
	}
	return -1;
}
