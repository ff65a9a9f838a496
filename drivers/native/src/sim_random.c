/*
 * sim_random.c: the seeded episode. A private generator (xoshiro256**, seeded by splitmix64)
 * rather than rand(), so that the same seed gives the same episode on every machine and no
 * other code in the process can disturb the sequence. Draws happen in a fixed order.
 */
#include <math.h>
#include <string.h>

#include "sim_internal.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t next(sim_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

void sim_rng_seed(sim_rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++) {
        r->s[i] = splitmix64(&x);
    }
}

double sim_rng_uniform(sim_rng *r, double lo, double hi)
{
    double u = (double)(next(r) >> 11) * 0x1.0p-53;
    return lo + (hi - lo) * u;
}

static void scale_friction(dexd_hand *h, sim_rng *r)
{
    for (int g = 0; g < h->m->ngeom; g++) {
        h->m->geom_friction[3 * g] *= sim_rng_uniform(r, h->cfg.friction[0], h->cfg.friction[1]);
    }
}

static void scale_masses(dexd_hand *h, sim_rng *r)
{
    for (int b = 1; b < h->m->nbody; b++) {
        double f = sim_rng_uniform(r, h->cfg.mass[0], h->cfg.mass[1]);
        h->m->body_mass[b] *= f;
        for (int k = 0; k < 3; k++) {
            h->m->body_inertia[3 * b + k] *= f;
        }
    }
}

static void scale_damping(dexd_hand *h, sim_rng *r)
{
    for (int v = 0; v < h->m->nv; v++) {
        h->m->dof_damping[v] *= sim_rng_uniform(r, h->cfg.damping[0], h->cfg.damping[1]);
    }
}

/* A position servo's force is kp * (ctrl - length): gain kp, bias -kp. */
static void scale_gains(dexd_hand *h, sim_rng *r)
{
    for (int a = 0; a < h->m->nu; a++) {
        double f = sim_rng_uniform(r, h->cfg.gain[0], h->cfg.gain[1]);
        h->m->actuator_gainprm[mjNGAIN * a] *= f;
        h->m->actuator_biasprm[mjNBIAS * a + 1] *= f;
    }
}

typedef struct const_ctx {
    mjModel *m;
    mjData *d;
} const_ctx;

static void set_const(void *p)
{
    const_ctx *c = p;
    mj_setConst(c->m, c->d);
}

int sim_randomise(dexd_hand *h, sim_rng *r)
{
    char err[ERR_LEN];
    mj_copyModel(h->m, h->m0);
    scale_friction(h, r);
    scale_masses(h, r);
    scale_damping(h, r);
    scale_gains(h, r);
    sim_apply_locks(h);
    /* Masses changed: recompute what MuJoCo derives from them (uses scratch data, not d). */
    const_ctx ctx = {h->m, h->scratch};
    if (sim_guard_run(set_const, &ctx, err, sizeof err) != 0) {
        h->fault = 1;
        return sim_fail(h, DEXD_HAND_E_FAULT, "randomising the physics failed: %s", err);
    }
    return DEXD_HAND_OK;
}

/* The cube starts where the model puts it, moved in the horizontal plane and turned about the
   vertical by the configured noise; face layers start turned by up to face_angle_noise. */
int sim_place_cube(dexd_hand *h, sim_rng *r)
{
    double *q = h->d->qpos + h->map.cube_qpos;
    double dx = sim_rng_uniform(r, -h->cfg.cube_position_noise, h->cfg.cube_position_noise);
    double dy = sim_rng_uniform(r, -h->cfg.cube_position_noise, h->cfg.cube_position_noise);
    double yaw = sim_rng_uniform(r, -h->cfg.cube_yaw_noise, h->cfg.cube_yaw_noise);
    double turn[4] = {cos(yaw / 2), 0, 0, sin(yaw / 2)};
    double quat[4];
    q[0] += dx;
    q[1] += dy;
    mju_mulQuat(quat, turn, q + 3);
    mju_normalize4(quat);
    memcpy(q + 3, quat, sizeof quat);
    for (int f = 0; f < NFACE; f++) {
        h->d->qpos[h->map.face_qpos[f]] =
            sim_rng_uniform(r, -h->cfg.face_angle_noise, h->cfg.face_angle_noise);
    }
    return DEXD_HAND_OK;
}
