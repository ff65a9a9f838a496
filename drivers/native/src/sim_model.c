/*
 * sim_model.c: loads the MJCF model, finds what the library needs in it by name, and builds
 * the description that dexd_hand_describe() returns.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim_internal.h"

const char *const SIM_JOINT_NAMES[NJ] = {
    "WRJ1", "WRJ0",
    "FFJ3", "FFJ2", "FFJ1", "FFJ0",
    "MFJ3", "MFJ2", "MFJ1", "MFJ0",
    "RFJ3", "RFJ2", "RFJ1", "RFJ0",
    "LFJ4", "LFJ3", "LFJ2", "LFJ1", "LFJ0",
    "THJ4", "THJ3", "THJ2", "THJ1", "THJ0",
};

const char *const SIM_ACTUATOR_NAMES[NA] = {
    "A_WRJ1", "A_WRJ0",
    "A_FFJ3", "A_FFJ2", "A_FFJ1",
    "A_MFJ3", "A_MFJ2", "A_MFJ1",
    "A_RFJ3", "A_RFJ2", "A_RFJ1",
    "A_LFJ4", "A_LFJ3", "A_LFJ2", "A_LFJ1",
    "A_THJ4", "A_THJ3", "A_THJ2", "A_THJ1", "A_THJ0",
};

const char *const SIM_FACE_NAMES[NFACE] = {"U", "R", "F", "D", "L", "B"};

const char *const SIM_TIP_SITES[NTIP] = {"FFtip", "MFtip", "RFtip", "LFtip", "THtip"};

typedef struct load_ctx {
    const char *path;
    mjModel *model;
    char *err;
    int len;
} load_ctx;

static void load_xml(void *p)
{
    load_ctx *c = p;
    c->model = mj_loadXML(c->path, NULL, c->err, c->len);
}

mjModel *sim_load_xml(const char *path, char *err, int len)
{
    char mjerr[ERR_LEN] = "";
    load_ctx ctx = {path, NULL, mjerr, sizeof mjerr};
    if (sim_guard_run(load_xml, &ctx, mjerr, sizeof mjerr) != 0 || ctx.model == NULL) {
        snprintf(err, (size_t)len, "cannot load model %s: %s", path, mjerr[0] ? mjerr : "unknown error");
        sim_one_line(err);
        return NULL;
    }
    return ctx.model;
}

static int find(const mjModel *m, int type, const char *what, const char *name, int *out,
                char *err, int len)
{
    *out = mj_name2id(m, type, name);
    if (*out < 0) {
        snprintf(err, (size_t)len, "model has no %s named '%s'", what, name);
        return -1;
    }
    return 0;
}

static int joint_index(const sim_map *map, int jnt)
{
    for (int j = 0; j < NJ; j++) {
        if (map->jnt[j] == jnt) {
            return j;
        }
    }
    return -1;
}

int sim_map_joints(const mjModel *m, sim_map *map, char *err, int len)
{
    for (int j = 0; j < NJ; j++) {
        if (find(m, mjOBJ_JOINT, "joint", SIM_JOINT_NAMES[j], &map->jnt[j], err, len) != 0) {
            return -1;
        }
        if (m->jnt_type[map->jnt[j]] != mjJNT_HINGE) {
            snprintf(err, (size_t)len, "model joint '%s' is not a hinge", SIM_JOINT_NAMES[j]);
            return -1;
        }
        map->qpos[j] = m->jnt_qposadr[map->jnt[j]];
        map->dof[j] = m->jnt_dofadr[map->jnt[j]];
    }
    return 0;
}

/* An actuator's position: its joint, or the joints of its fixed tendon with their coefficients. */
static int map_transmission(const mjModel *m, sim_map *map, int a, char *err, int len)
{
    int id = map->act[a];
    int trn = m->actuator_trnid[2 * id];
    map->act_terms[a] = 0;
    if (m->actuator_trntype[id] == mjTRN_JOINT) {
        map->act_joint[a][0] = joint_index(map, trn);
        map->act_coef[a][0] = 1.0;
        map->act_terms[a] = map->act_joint[a][0] >= 0 ? 1 : 0;
    } else if (m->actuator_trntype[id] == mjTRN_TENDON && m->tendon_num[trn] <= MAX_TERMS) {
        for (int w = 0; w < m->tendon_num[trn]; w++) {
            int wrap = m->tendon_adr[trn] + w;
            int j = m->wrap_type[wrap] == mjWRAP_JOINT ? joint_index(map, m->wrap_objid[wrap]) : -1;
            if (j < 0) {
                map->act_terms[a] = 0;
                break;
            }
            map->act_joint[a][w] = j;
            map->act_coef[a][w] = m->wrap_prm[wrap];
            map->act_terms[a] = w + 1;
        }
    }
    if (map->act_terms[a] == 0) {
        snprintf(err, (size_t)len, "model actuator '%s' must drive one of the 24 hand joints or a fixed "
                 "tendon over them", SIM_ACTUATOR_NAMES[a]);
        return -1;
    }
    return 0;
}

static int map_actuators(const mjModel *m, sim_map *map, char *err, int len)
{
    for (int a = 0; a < NA; a++) {
        if (find(m, mjOBJ_ACTUATOR, "actuator", SIM_ACTUATOR_NAMES[a], &map->act[a], err, len) != 0
            || map_transmission(m, map, a, err, len) != 0) {
            return -1;
        }
        if (!m->actuator_ctrllimited[map->act[a]]) {
            snprintf(err, (size_t)len, "model actuator '%s' has no ctrlrange", SIM_ACTUATOR_NAMES[a]);
            return -1;
        }
    }
    return 0;
}

int sim_map_tips(const mjModel *m, sim_map *map, char *err, int len)
{
    if (find(m, mjOBJ_BODY, "body", SIM_MOUNT_BODY, &map->mount_body, err, len) != 0) {
        return -1;
    }
    for (int t = 0; t < NTIP; t++) {
        if (find(m, mjOBJ_SITE, "site", SIM_TIP_SITES[t], &map->tip_site[t], err, len) != 0) {
            return -1;
        }
    }
    return 0;
}

static int map_cube(const mjModel *m, sim_map *map, char *err, int len)
{
    if (find(m, mjOBJ_BODY, "body", "cube", &map->cube_body, err, len) != 0) {
        return -1;
    }
    int jnt = m->body_jntadr[map->cube_body];
    if (jnt < 0 || m->jnt_type[jnt] != mjJNT_FREE) {
        snprintf(err, (size_t)len, "model body 'cube' must have a free joint");
        return -1;
    }
    map->cube_qpos = m->jnt_qposadr[jnt];
    for (int f = 0; f < NFACE; f++) {
        char name[16];
        int id = 0;
        snprintf(name, sizeof name, "face_%s", SIM_FACE_NAMES[f]);
        if (find(m, mjOBJ_JOINT, "joint", name, &id, err, len) != 0) {
            return -1;
        }
        map->face_qpos[f] = m->jnt_qposadr[id];
        map->face_dof[f] = m->jnt_dofadr[id];
    }
    return 0;
}

int sim_check_version(char *err, int len)
{
    if (mj_version() != mjVERSION_HEADER) {
        snprintf(err, (size_t)len, "libmujoco is version %d but this library was built against %d: "
                 "rebuild dexd's native library", mj_version(), mjVERSION_HEADER);
        return -1;
    }
    return 0;
}

int sim_model_load(dexd_hand *h, char *err, int len)
{
    if (sim_check_version(err, len) != 0) {
        return -1;
    }
    h->m0 = sim_load_xml(h->cfg.model, err, len);
    if (h->m0 == NULL) {
        return -1;
    }
    if (h->cfg.timestep > 0) {
        h->m0->opt.timestep = h->cfg.timestep;
    }
    if (sim_map_joints(h->m0, &h->map, err, len) != 0 || map_actuators(h->m0, &h->map, err, len) != 0
        || sim_map_tips(h->m0, &h->map, err, len) != 0 || map_cube(h->m0, &h->map, err, len) != 0) {
        char what[ERR_LEN];
        snprintf(what, sizeof what, "%s", err);
        snprintf(err, (size_t)len, "model %s: %s", h->cfg.model, what);
        return -1;
    }
    h->m = mj_copyModel(NULL, h->m0);
    h->d = mj_makeData(h->m);
    h->scratch = mj_makeData(h->m);
    if (h->m == NULL || h->d == NULL || h->scratch == NULL) {
        snprintf(err, (size_t)len, "out of memory making the simulation data");
        return -1;
    }
    h->timestep_ns = llround(h->m0->opt.timestep * 1e9);
    h->watchdog_steps = llround(h->cfg.watchdog_s * 1e9) / h->timestep_ns;
    return 0;
}

void sim_model_describe(dexd_hand *h)
{
    dexd_hand_description *d = &h->desc;
    const mjModel *m = h->m0;
    memset(d, 0, sizeof *d);
    d->size = sizeof *d;
    d->abi_version = DEXD_HAND_ABI_VERSION;
    d->num_joints = NJ;
    d->num_actuators = NA;
    d->capabilities = DEXD_HAND_CAP_SIMULATED;
    d->period_ns = h->timestep_ns;
    snprintf(d->library, sizeof d->library, "dexd MuJoCo %s simulation", mj_versionString());
    for (int j = 0; j < NJ; j++) {
        snprintf(d->joint_names[j], DEXD_HAND_NAME_LEN, "%s", SIM_JOINT_NAMES[j]);
        d->joint_min[j] = m->jnt_range[2 * h->map.jnt[j]];
        d->joint_max[j] = m->jnt_range[2 * h->map.jnt[j] + 1];
    }
    for (int a = 0; a < NA; a++) {
        snprintf(d->actuator_names[a], DEXD_HAND_NAME_LEN, "%s", SIM_ACTUATOR_NAMES[a]);
        d->actuator_min[a] = m->actuator_ctrlrange[2 * h->map.act[a]];
        d->actuator_max[a] = m->actuator_ctrlrange[2 * h->map.act[a] + 1];
    }
}

void sim_model_free(dexd_hand *h)
{
    if (h->scratch != NULL) mj_deleteData(h->scratch);
    if (h->d != NULL) mj_deleteData(h->d);
    if (h->m != NULL) mj_deleteModel(h->m);
    if (h->m0 != NULL) mj_deleteModel(h->m0);
    h->scratch = NULL;
    h->d = NULL;
    h->m = NULL;
    h->m0 = NULL;
}
