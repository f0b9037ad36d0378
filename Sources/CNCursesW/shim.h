#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>

/* Globals Swift 6 refuses to read (shared mutable state), as accessors. */
static inline WINDOW *CNCursesW_stdscr(void) { return stdscr; }
static inline int CNCursesW_lines(void) { return LINES; }
static inline int CNCursesW_cols(void) { return COLS; }
static inline int CNCursesW_colors(void) { return COLORS; }
static inline int CNCursesW_colorPairs(void) { return COLOR_PAIRS; }
static inline void CNCursesW_getmaxyx(WINDOW *w, int *y, int *x) { int a, b; getmaxyx(w, a, b); *y = a; *x = b; }

/* A_* attributes are built with the function-like NCURSES_BITS macro, which Swift cannot import. */
static inline attr_t CNCursesW_bold(void) { return A_BOLD; }
static inline attr_t CNCursesW_dim(void) { return A_DIM; }
static inline attr_t CNCursesW_italic(void) { return A_ITALIC; }
static inline attr_t CNCursesW_underline(void) { return A_UNDERLINE; }
static inline attr_t CNCursesW_reverse(void) { return A_REVERSE; }

/* Opens the terminal on stdout/stdin without initscr(), which exits the process on failure. */
static inline SCREEN *CNCursesW_newterm(void) { return newterm(NULL, stdout, stdin); }
/* The same with an explicit terminal type (the `*-direct` truecolor upgrade). */
static inline SCREEN *CNCursesW_newtermType(const char *type) { return newterm(type, stdout, stdin); }

/* Writes raw bytes (OSC 52) to the terminal between ncurses frames. */
static inline void CNCursesW_writeRaw(const char *s) { fflush(stdout); fputs(s, stdout); fflush(stdout); }

/* Terminal size from the kernel; 0 on success. */
static inline int CNCursesW_windowSize(int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row; *cols = ws.ws_col;
    return 0;
}

/* From term.h, which the shim keeps out (it defines lowercase macros such as `lines`). */
extern int setupterm(const char *, int, int *);

/* Terminfo preflight: 0 usable, 1 unknown terminal type, 2 cannot position the cursor. */
static inline int CNCursesW_preflight(const char *term) {
    int err = 0;
    if (setupterm(term, STDOUT_FILENO, &err) != 0) return 1;
    char *cup = tigetstr("cup");
    if (cup == NULL || cup == (char *)-1) return 2;
    if (tigetflag("hc") > 0 || tigetflag("gn") > 0) return 2;
    return 0;
}

/* Whether the current locale's codeset is UTF-8. */
static inline int CNCursesW_isUTF8Locale(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}
#endif
