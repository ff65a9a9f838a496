/* sim_error.c: one line of error text per handle, and per thread for failed opens. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sim_internal.h"

/* A failed open has no handle to keep its text in; the caller asks on the same thread. */
static _Thread_local char open_error[ERR_LEN];

/* Callers show errors on one line, so MuJoCo's multi-line messages are folded. */
void sim_one_line(char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '\n' || text[i] == '\r' || text[i] == '\t') {
            text[i] = ' ';
        }
    }
    while (n > 0 && text[n - 1] == ' ') {
        text[--n] = '\0';
    }
}

int sim_fail(dexd_hand *h, int code, const char *fmt, ...)
{
    char text[ERR_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    sim_one_line(text);
    pthread_mutex_lock(&h->err_lock);
    memcpy(h->error, text, sizeof text);
    pthread_mutex_unlock(&h->err_lock);
    return code;
}

int sim_open_fail(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(open_error, sizeof open_error, fmt, ap);
    va_end(ap);
    sim_one_line(open_error);
    return code;
}

const char *sim_open_error(void)
{
    return open_error;
}

int sim_copy_text(const char *text, char *buf, int len)
{
    int n = (int)strlen(text);
    if (buf != NULL && len > 0) {
        int k = n < len - 1 ? n : len - 1;
        memcpy(buf, text, (size_t)k);
        buf[k] = '\0';
    }
    return n;
}
