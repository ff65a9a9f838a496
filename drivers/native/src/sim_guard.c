/*
 * sim_guard.c: MuJoCo reports fatal errors through mju_user_error and must not continue after
 * it returns; by default it exits the process, which would take the JVM with it. The handler
 * installed here jumps back to the guarded call instead, which turns the error into a return
 * code. Warnings are kept (not printed, and no MUJOCO_LOG.TXT is written).
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

static _Thread_local jmp_buf *armed;
static _Thread_local char last_text[ERR_LEN];
static pthread_once_t installed = PTHREAD_ONCE_INIT;

static void on_error(const char *msg)
{
    snprintf(last_text, sizeof last_text, "%s", msg);
    if (armed != NULL) {
        longjmp(*armed, 1);
    }
    /* An unguarded MuJoCo call failed: continuing would use corrupt state. */
    fprintf(stderr, "dexd_mujoco: unguarded MuJoCo error: %s\n", msg);
    abort();
}

static void on_warning(const char *msg)
{
    snprintf(last_text, sizeof last_text, "%s", msg);
}

static void install(void)
{
    mju_user_error = on_error;
    mju_user_warning = on_warning;
}

void sim_guard_install(void)
{
    pthread_once(&installed, install);
}

int sim_guard_run(sim_mj_fn fn, void *ctx, char *err, int len)
{
    jmp_buf here;
    jmp_buf *volatile outer = armed;
    if (setjmp(here) != 0) {
        armed = outer;
        snprintf(err, (size_t)len, "MuJoCo: %s", last_text);
        sim_one_line(err);
        return -1;
    }
    armed = &here;
    fn(ctx);
    armed = outer;
    return 0;
}
