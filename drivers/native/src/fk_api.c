/*
 * fk_api.c: fingertip forward kinematics (dexd_fk.h). Its own mjModel and mjData, loaded and
 * mapped by the same code as the simulation, and the same hand-frame transform as the truth.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dexd_fk.h"
#include "sim_internal.h"

_Static_assert(DEXD_FK_NUM_TIPS == NTIP, "fingertip count");

struct dexd_fk {
    mjModel *m;
    mjData *d;
    sim_map map;          /* only the joints, the tip sites and the mount are filled */
    char error[ERR_LEN];  /* one thread at a time per context: no lock */
};

static int fk_fail(dexd_fk *fk, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fk_fail(dexd_fk *fk, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(fk->error, sizeof fk->error, fmt, ap);
    va_end(ap);
    sim_one_line(fk->error);
    return code;
}

int dexd_fk_api_version(void)
{
    return DEXD_FK_API_VERSION;
}

int dexd_fk_close(dexd_fk *fk)
{
    if (fk == NULL) {
        return DEXD_HAND_OK;
    }
    if (fk->d != NULL) mj_deleteData(fk->d);
    if (fk->m != NULL) mj_deleteModel(fk->m);
    free(fk);
    return DEXD_HAND_OK;
}

static int open_failed(dexd_fk *fk, int code, const char *text)
{
    sim_open_fail(code, "%s", text);
    dexd_fk_close(fk);
    return code;
}

int dexd_fk_open(const char *model_path, dexd_fk **out)
{
    char err[ERR_LEN] = "";
    if (out == NULL) {
        return sim_open_fail(DEXD_HAND_E_ARG, "dexd_fk_open: out is NULL");
    }
    *out = NULL;
    if (model_path == NULL || model_path[0] == '\0') {
        return sim_open_fail(DEXD_HAND_E_ARG, "dexd_fk_open: no model path given (the hand's MJCF file)");
    }
    sim_guard_install();
    dexd_fk *fk = calloc(1, sizeof *fk);
    if (fk == NULL) {
        return sim_open_fail(DEXD_HAND_E_INTERNAL, "out of memory");
    }
    if (sim_check_version(err, sizeof err) != 0) {
        return open_failed(fk, DEXD_HAND_E_OPEN, err);
    }
    fk->m = sim_load_xml(model_path, err, sizeof err);
    if (fk->m == NULL) {
        return open_failed(fk, DEXD_HAND_E_OPEN, err);
    }
    if (sim_map_joints(fk->m, &fk->map, err, sizeof err) != 0 || sim_map_tips(fk->m, &fk->map, err, sizeof err) != 0) {
        char what[ERR_LEN];
        snprintf(what, sizeof what, "model %s: %s", model_path, err);
        return open_failed(fk, DEXD_HAND_E_OPEN, what);
    }
    fk->d = mj_makeData(fk->m); /* qpos at the model's reference pose (qpos0) */
    if (fk->d == NULL) {
        return open_failed(fk, DEXD_HAND_E_INTERNAL, "out of memory making the kinematics data");
    }
    *out = fk;
    return DEXD_HAND_OK;
}

static void kinematics_fn(void *p)
{
    dexd_fk *fk = p;
    mj_kinematics(fk->m, fk->d);
}

int dexd_fk_compute(dexd_fk *fk, const double *joint_pos, double *tips_out)
{
    char err[ERR_LEN];
    if (fk == NULL) {
        return DEXD_HAND_E_ARG;
    }
    if (joint_pos == NULL || tips_out == NULL) {
        return fk_fail(fk, DEXD_HAND_E_ARG, "joint_pos or tips_out is NULL");
    }
    for (int j = 0; j < NJ; j++) {
        if (!isfinite(joint_pos[j])) {
            return fk_fail(fk, DEXD_HAND_E_NOT_FINITE, "joint %s position is not finite",
                           SIM_JOINT_NAMES[j]);
        }
    }
    for (int j = 0; j < NJ; j++) {
        fk->d->qpos[fk->map.qpos[j]] = joint_pos[j];
    }
    if (sim_guard_run(kinematics_fn, fk, err, sizeof err) != 0) {
        return fk_fail(fk, DEXD_HAND_E_FAULT, "%s", err);
    }
    sim_tips_in_hand(fk->d, &fk->map, tips_out);
    return DEXD_HAND_OK;
}

int dexd_fk_last_error(const dexd_fk *fk, char *buf, int len)
{
    return sim_copy_text(fk == NULL ? sim_open_error() : fk->error, buf, len);
}
