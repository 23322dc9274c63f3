// libedit's native API (el_gets, history), used by the interactive prompt.
#include <stdio.h>
#include <histedit.h>
