/* sim_hand.c: the dexd_hand.h ABI over the MuJoCo simulation. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

/* The struct layouts are part of the ABI: the Java binding reads them at these offsets. */
_Static_assert(sizeof(dexd_hand_description) == 1504, "dexd_hand_description layout");
_Static_assert(offsetof(dexd_hand_description, joint_names) == 96, "joint_names offset");
_Static_assert(offsetof(dexd_hand_description, actuator_max) == 1344, "actuator_max offset");
_Static_assert(sizeof(dexd_hand_state) == 720, "dexd_hand_state layout");
_Static_assert(offsetof(dexd_hand_state, actuator_effort) == 560, "actuator_effort offset");
_Static_assert(sizeof(dexd_sim_world_truth) == 240, "dexd_sim_world_truth layout");
_Static_assert(offsetof(dexd_sim_world_truth, fingertip_pos) == 120, "fingertip_pos offset");

int dexd_hand_abi_version(void)
{
    return DEXD_HAND_ABI_VERSION;
}

static void init_locks(dexd_hand *h)
{
    pthread_mutex_init(&h->phys_lock, NULL);
    pthread_mutex_init(&h->cmd_lock, NULL);
    pthread_mutex_init(&h->state_lock, NULL);
    pthread_mutex_init(&h->err_lock, NULL);
}

static void destroy(dexd_hand *h)
{
    sim_realtime_stop(h);
    sim_model_free(h);
    pthread_mutex_destroy(&h->phys_lock);
    pthread_mutex_destroy(&h->cmd_lock);
    pthread_mutex_destroy(&h->state_lock);
    pthread_mutex_destroy(&h->err_lock);
    free(h);
}

static int open_failed(dexd_hand *h, int code, const char *text)
{
    sim_open_fail(code, "%s", text);
    destroy(h);
    return code;
}

int dexd_hand_open(const char *config, dexd_hand **out)
{
    char err[ERR_LEN] = "";
    if (out == NULL) {
        return sim_open_fail(DEXD_HAND_E_ARG, "dexd_hand_open: out is NULL");
    }
    *out = NULL;
    sim_guard_install();
    dexd_hand *h = calloc(1, sizeof *h);
    if (h == NULL) {
        return sim_open_fail(DEXD_HAND_E_INTERNAL, "out of memory");
    }
    init_locks(h);
    if (sim_config_parse(config, &h->cfg, err, sizeof err) != 0) {
        return open_failed(h, DEXD_HAND_E_CONFIG, err);
    }
    if (sim_model_load(h, err, sizeof err) != 0) {
        return open_failed(h, DEXD_HAND_E_OPEN, err);
    }
    sim_model_describe(h);
    if (sim_restart(h, h->cfg.seed) != DEXD_HAND_OK) {
        return open_failed(h, DEXD_HAND_E_OPEN, h->error);
    }
    if (h->cfg.clock == DEXD_SIM_CLOCK_REALTIME && sim_realtime_start(h) != DEXD_HAND_OK) {
        destroy(h);
        return DEXD_HAND_E_OPEN;
    }
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
    pthread_mutex_lock(&h->state_lock);
    *out = h->snap_state;
    pthread_mutex_unlock(&h->state_lock);
    pthread_mutex_lock(&h->cmd_lock);
    out->status |= (h->cmd.held ? DEXD_HAND_STATUS_HOLDING : 0u) | h->cmd.flags;
    pthread_mutex_unlock(&h->cmd_lock);
    if (atomic_exchange(&h->late, 0u)) {
        out->status |= DEXD_HAND_STATUS_LATE;
    }
    if (atomic_load(&h->injected_fault)) {
        out->status |= DEXD_HAND_STATUS_FAULT;
    }
    return DEXD_HAND_OK;
}

static int refuse(dexd_hand *h, int code, const char *what, int a, double v)
{
    pthread_mutex_lock(&h->cmd_lock);
    h->cmd.flags |= DEXD_HAND_STATUS_REJECTED;
    pthread_mutex_unlock(&h->cmd_lock);
    if (code == DEXD_HAND_E_NOT_FINITE) {
        return sim_fail(h, code, "target %d (%s) is %s: all targets refused, the previous ones kept",
                        a, SIM_ACTUATOR_NAMES[a], isnan(v) ? "NaN" : "infinite");
    }
    return sim_fail(h, code, "%s", what);
}

int dexd_hand_write(dexd_hand *h, const double *targets)
{
    double clipped[NA];
    int n = 0;
    if (h == NULL || targets == NULL) {
        return h == NULL ? DEXD_HAND_E_ARG : sim_fail(h, DEXD_HAND_E_ARG, "write: targets is NULL");
    }
    for (int a = 0; a < NA; a++) {
        if (!isfinite(targets[a])) {
            return refuse(h, DEXD_HAND_E_NOT_FINITE, NULL, a, targets[a]);
        }
        double lo = h->desc.actuator_min[a];
        double hi = h->desc.actuator_max[a];
        clipped[a] = targets[a] < lo ? lo : targets[a] > hi ? hi : targets[a];
        n += clipped[a] != targets[a];
    }
    pthread_mutex_lock(&h->cmd_lock);
    int held = h->cmd.held;
    if (!held) {
        memcpy(h->cmd.targets, clipped, sizeof clipped);
        h->cmd.seq++;
        h->cmd.flags = n > 0 ? DEXD_HAND_STATUS_CLIPPED : 0u;
    }
    pthread_mutex_unlock(&h->cmd_lock);
    if (held) {
        return refuse(h, DEXD_HAND_E_HOLDING, "write refused: the hand is holding (e-stop); resume first", 0, 0);
    }
    return n;
}

int dexd_hand_hold(dexd_hand *h)
{
    double pos[NA];
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    pthread_mutex_lock(&h->state_lock);
    memcpy(pos, h->snap_state.actuator_pos, sizeof pos);
    pthread_mutex_unlock(&h->state_lock);
    pthread_mutex_lock(&h->cmd_lock);
    if (!h->cmd.held) {
        memcpy(h->cmd.held_targets, pos, sizeof pos);
        h->cmd.held = 1;
    }
    pthread_mutex_unlock(&h->cmd_lock);
    return DEXD_HAND_OK;
}

/* Resuming continues from the held position, not from the targets written before the hold. */
int dexd_hand_resume(dexd_hand *h)
{
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    pthread_mutex_lock(&h->cmd_lock);
    if (h->cmd.held) {
        memcpy(h->cmd.targets, h->cmd.held_targets, sizeof h->cmd.targets);
        h->cmd.seq++;
        h->cmd.held = 0;
    }
    pthread_mutex_unlock(&h->cmd_lock);
    return DEXD_HAND_OK;
}

int dexd_hand_close(dexd_hand *h)
{
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    destroy(h);
    return DEXD_HAND_OK;
}

int dexd_hand_last_error(const dexd_hand *h, char *buf, int len)
{
    if (h == NULL) {
        return sim_copy_text(sim_open_error(), buf, len);
    }
    dexd_hand *mh = (dexd_hand *)h;
    pthread_mutex_lock(&mh->err_lock);
    int n = sim_copy_text(mh->error, buf, len);
    pthread_mutex_unlock(&mh->err_lock);
    return n;
}
