/*
 * bench_hand.c: a test fixture, a hand library that is not a simulation. It behaves like a
 * servo-controlled Shadow hand on a bench: the names and ranges libdexd_mujoco.so reports (from
 * configs/sim/shadow_hand_cube.xml), one first-order servo per actuator (its position moves toward
 * its target with time constant tau_ms), evaluated on CLOCK_MONOTONIC at every call, so it needs
 * no thread. It exists so that tests drive dexd through the real-hand path (no dexd_sim.h, no
 * DEXD_HAND_CAP_SIMULATED); it is never shipped.
 *
 * Config keys: tau_ms (servo time constant, default 50), watchdog_ms (default 200; 0: off).
 * A coupled distal actuator (J1 + J0) splits its position evenly between J1 and J0. No effort is
 * measured (zero).
 */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dexd_hand.h"

#define NJ DEXD_HAND_NUM_JOINTS
#define NA DEXD_HAND_NUM_ACTUATORS
#define ERR_LEN 256

static const char *const JOINTS[NJ] = {
    "WRJ1", "WRJ0", "FFJ3", "FFJ2", "FFJ1", "FFJ0", "MFJ3", "MFJ2", "MFJ1", "MFJ0",
    "RFJ3", "RFJ2", "RFJ1", "RFJ0", "LFJ4", "LFJ3", "LFJ2", "LFJ1", "LFJ0",
    "THJ4", "THJ3", "THJ2", "THJ1", "THJ0",
};
static const double JOINT_MIN[NJ] = {
    -0.489, -0.698, -0.349, 0, 0, 0, -0.349, 0, 0, 0, -0.349, 0, 0, 0, 0, -0.349, 0, 0, 0,
    -1.047, 0, -0.209, -0.524, -1.571,
};
static const double JOINT_MAX[NJ] = {
    0.14, 0.489, 0.349, 1.571, 1.571, 1.571, 0.349, 1.571, 1.571, 1.571, 0.349, 1.571, 1.571, 1.571,
    0.785, 0.349, 1.571, 1.571, 1.571, 1.047, 1.222, 0.209, 0.524, 0,
};
static const char *const ACTUATORS[NA] = {
    "A_WRJ1", "A_WRJ0", "A_FFJ3", "A_FFJ2", "A_FFJ1", "A_MFJ3", "A_MFJ2", "A_MFJ1", "A_RFJ3", "A_RFJ2",
    "A_RFJ1", "A_LFJ4", "A_LFJ3", "A_LFJ2", "A_LFJ1", "A_THJ4", "A_THJ3", "A_THJ2", "A_THJ1", "A_THJ0",
};
/* The joint each actuator drives; a coupled one drives that joint (J1) and the next (J0). */
static const int JOINT_OF[NA] = {0, 1, 2, 3, 4, 6, 7, 8, 10, 11, 12, 14, 15, 16, 17, 19, 20, 21, 22, 23};
static const int COUPLED[NA] = {0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0};
#define COUPLED_MAX 3.1416

struct dexd_hand {
    pthread_mutex_t lock;            /* guards everything below */
    dexd_hand_description desc;
    double tau_s;
    int64_t watchdog_ns;             /* 0: off */
    int64_t now_ns;                  /* the servo state is at this time */
    int64_t last_write_ns;
    double pos[NA], vel[NA], target[NA];
    int armed, tripped, held;        /* watchdog armed by the first write; tripped; hold() latched */
    uint32_t flags;                  /* CLIPPED, REJECTED */
    char error[ERR_LEN];
};

static _Thread_local char open_error[ERR_LEN];

static int64_t monotonic_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int copy_text(const char *text, char *buf, int len)
{
    if (buf != NULL && len > 0) {
        snprintf(buf, (size_t)len, "%s", text);
    }
    return (int)strlen(text);
}

/* Records the handle's error (lock held) and returns code. */
static int fail(dexd_hand *h, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(h->error, sizeof h->error, fmt, ap);
    va_end(ap);
    return code;
}

/* Moves every servo from h->now_ns to until (its exact first-order response to a fixed target). */
static void integrate(dexd_hand *h, int64_t until)
{
    if (until <= h->now_ns) {
        return;
    }
    double decay = exp(-(double)(until - h->now_ns) * 1e-9 / h->tau_s);
    for (int a = 0; a < NA; a++) {
        h->pos[a] = h->target[a] + (h->pos[a] - h->target[a]) * decay;
        h->vel[a] = (h->target[a] - h->pos[a]) / h->tau_s;
    }
    h->now_ns = until;
}

/* Targets := positions: the servos stop where they are. */
static void stop_here(dexd_hand *h)
{
    memcpy(h->target, h->pos, sizeof h->target);
    memset(h->vel, 0, sizeof h->vel);
}

/* Brings the servos to now; if the watchdog ran out on the way, they stopped at that moment. */
static void advance(dexd_hand *h, int64_t now)
{
    int64_t trip_at = h->last_write_ns + h->watchdog_ns;
    if (h->armed && !h->tripped && !h->held && h->watchdog_ns > 0 && trip_at <= now) {
        integrate(h, trip_at);
        stop_here(h);
        h->tripped = 1;
    }
    integrate(h, now);
}

static int parse_ms(const char *key, const char *value, double lo, double hi, double *out, char *err)
{
    char *end = NULL;
    double v = strtod(value, &end);
    if (end == value || *end != '\0' || !(v >= lo && v <= hi)) {
        snprintf(err, ERR_LEN, "config: %s: expected a number of ms in %g..%g, got '%s'", key, lo, hi, value);
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_config(const char *config, dexd_hand *h, char *err)
{
    double tau_ms = 50, watchdog_ms = 200;
    char buf[512];
    if (config != NULL && snprintf(buf, sizeof buf, "%s", config) >= (int)sizeof buf) {
        snprintf(err, ERR_LEN, "config: longer than %zu bytes", sizeof buf - 1);
        return -1;
    }
    char *save = NULL;
    for (char *kv = config ? strtok_r(buf, ";", &save) : NULL; kv != NULL; kv = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(kv, '=');
        if (eq == NULL) {
            snprintf(err, ERR_LEN, "config: '%s' is not key=value", kv);
            return -1;
        }
        *eq = '\0';
        int rc = -1;
        if (strcmp(kv, "tau_ms") == 0) {
            rc = parse_ms(kv, eq + 1, 1, 10000, &tau_ms, err);
        } else if (strcmp(kv, "watchdog_ms") == 0) {
            rc = parse_ms(kv, eq + 1, 0, 60000, &watchdog_ms, err);
        } else {
            snprintf(err, ERR_LEN, "config: unknown key '%s' (known: tau_ms, watchdog_ms)", kv);
        }
        if (rc != 0) {
            return -1;
        }
    }
    h->tau_s = tau_ms / 1000.0;
    h->watchdog_ns = (int64_t)llround(watchdog_ms * 1e6);
    return 0;
}

static void describe(dexd_hand_description *d)
{
    memset(d, 0, sizeof *d);
    d->size = sizeof *d;
    d->abi_version = DEXD_HAND_ABI_VERSION;
    d->num_joints = NJ;
    d->num_actuators = NA;
    d->period_ns = 0; /* no cycle of its own: the servos are evaluated at every call */
    snprintf(d->library, sizeof d->library, "dexd bench hand (test fixture)");
    for (int j = 0; j < NJ; j++) {
        snprintf(d->joint_names[j], DEXD_HAND_NAME_LEN, "%s", JOINTS[j]);
        d->joint_min[j] = JOINT_MIN[j];
        d->joint_max[j] = JOINT_MAX[j];
    }
    for (int a = 0; a < NA; a++) {
        snprintf(d->actuator_names[a], DEXD_HAND_NAME_LEN, "%s", ACTUATORS[a]);
        d->actuator_min[a] = COUPLED[a] ? 0 : JOINT_MIN[JOINT_OF[a]];
        d->actuator_max[a] = COUPLED[a] ? COUPLED_MAX : JOINT_MAX[JOINT_OF[a]];
    }
}

int dexd_hand_abi_version(void)
{
    return DEXD_HAND_ABI_VERSION;
}

int dexd_hand_open(const char *config, dexd_hand **out)
{
    if (out == NULL) {
        copy_text("dexd_hand_open: out is NULL", open_error, ERR_LEN);
        return DEXD_HAND_E_ARG;
    }
    *out = NULL;
    dexd_hand *h = calloc(1, sizeof *h);
    if (h == NULL) {
        copy_text("out of memory", open_error, ERR_LEN);
        return DEXD_HAND_E_INTERNAL;
    }
    if (parse_config(config, h, open_error) != 0) {
        free(h);
        return DEXD_HAND_E_CONFIG;
    }
    pthread_mutex_init(&h->lock, NULL);
    describe(&h->desc);
    h->now_ns = monotonic_ns(); /* at rest at zero (every range contains it), holding there */
    *out = h;
    return DEXD_HAND_OK;
}

int dexd_hand_describe(dexd_hand *h, dexd_hand_description *out)
{
    if (h == NULL || out == NULL) {
        return DEXD_HAND_E_ARG;
    }
    *out = h->desc;
    return DEXD_HAND_OK;
}

int dexd_hand_read(dexd_hand *h, dexd_hand_state *out)
{
    if (h == NULL || out == NULL) {
        return DEXD_HAND_E_ARG;
    }
    memset(out, 0, sizeof *out);
    pthread_mutex_lock(&h->lock);
    advance(h, monotonic_ns());
    out->stamp_ns = h->now_ns;
    out->status = h->flags | (h->held ? DEXD_HAND_STATUS_HOLDING : 0u) | (h->tripped ? DEXD_HAND_STATUS_WATCHDOG : 0u);
    for (int a = 0; a < NA; a++) {
        int j = JOINT_OF[a], n = COUPLED[a] ? 2 : 1;
        out->actuator_pos[a] = h->pos[a];
        for (int k = 0; k < n; k++) {
            out->joint_pos[j + k] = h->pos[a] / n;
            out->joint_vel[j + k] = h->vel[a] / n;
        }
    }
    pthread_mutex_unlock(&h->lock);
    return DEXD_HAND_OK;
}

int dexd_hand_write(dexd_hand *h, const double *targets)
{
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    int rc = 0;
    pthread_mutex_lock(&h->lock);
    advance(h, monotonic_ns());
    for (int a = 0; targets != NULL && a < NA; a++) {
        if (!isfinite(targets[a])) {
            rc = fail(h, DEXD_HAND_E_NOT_FINITE, "target %d (%s) is %s: all targets refused, the previous ones kept",
                      a, ACTUATORS[a], isnan(targets[a]) ? "NaN" : "infinite");
            break;
        }
    }
    if (targets == NULL) {
        rc = fail(h, DEXD_HAND_E_ARG, "write: targets is NULL");
    } else if (rc == 0 && h->held) {
        rc = fail(h, DEXD_HAND_E_HOLDING, "write refused: the hand is holding (e-stop); resume first");
    }
    if (rc != 0) {
        h->flags |= DEXD_HAND_STATUS_REJECTED;
    } else {
        for (int a = 0; a < NA; a++) {
            double lo = h->desc.actuator_min[a], hi = h->desc.actuator_max[a];
            h->target[a] = targets[a] < lo ? lo : targets[a] > hi ? hi : targets[a];
            rc += h->target[a] != targets[a];
        }
        h->flags = rc > 0 ? DEXD_HAND_STATUS_CLIPPED : 0u;
        h->armed = 1;
        h->tripped = 0;
        h->last_write_ns = h->now_ns;
    }
    pthread_mutex_unlock(&h->lock);
    return rc;
}

int dexd_hand_hold(dexd_hand *h)
{
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    pthread_mutex_lock(&h->lock);
    advance(h, monotonic_ns());
    if (!h->held) {
        stop_here(h);
        h->held = 1;
    }
    pthread_mutex_unlock(&h->lock);
    return DEXD_HAND_OK;
}

/* The targets stay at the held position until the next write; the watchdog counts from now. */
int dexd_hand_resume(dexd_hand *h)
{
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    pthread_mutex_lock(&h->lock);
    advance(h, monotonic_ns());
    h->held = 0;
    h->last_write_ns = h->now_ns;
    pthread_mutex_unlock(&h->lock);
    return DEXD_HAND_OK;
}

int dexd_hand_close(dexd_hand *h)
{
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    pthread_mutex_destroy(&h->lock);
    free(h);
    return DEXD_HAND_OK;
}

int dexd_hand_last_error(const dexd_hand *h, char *buf, int len)
{
    if (h == NULL) {
        return copy_text(open_error, buf, len);
    }
    dexd_hand *m = (dexd_hand *)h;
    pthread_mutex_lock(&m->lock);
    int n = copy_text(m->error, buf, len);
    pthread_mutex_unlock(&m->lock);
    return n;
}
