#define _XOPEN_SOURCE 700
#define _GNU_SOURCE
#include "ctestsupport.h"
#include <locale.h>
#include <wchar.h>

int zc_system_wcwidth(unsigned int code) {
    static __thread locale_t utf8;
    if (utf8 == (locale_t)0) utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (utf8 == (locale_t)0) return -2;
    locale_t previous = uselocale(utf8);
    int width = wcwidth((wchar_t)code);
    uselocale(previous);
    return width;
}
