/* sim_api.c: the simulation-only calls of dexd_sim.h. */
#include <math.h>
#include <string.h>

#include "sim_internal.h"

int dexd_sim_api_version(void)
{
    return DEXD_SIM_API_VERSION;
}

int dexd_sim_clock(dexd_hand *h)
{
    return h == NULL ? DEXD_HAND_E_ARG : h->cfg.clock;
}

int64_t dexd_sim_timestep_ns(dexd_hand *h)
{
    return h == NULL ? DEXD_HAND_E_ARG : h->timestep_ns;
}

int dexd_sim_reset(dexd_hand *h, uint64_t seed)
{
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    pthread_mutex_lock(&h->phys_lock);
    int rc = sim_restart(h, seed);
    pthread_mutex_unlock(&h->phys_lock);
    atomic_store(&h->injected_fault, 0u);
    return rc;
}

int dexd_sim_randomise(dexd_hand *h, uint64_t seed)
{
    sim_rng rng;
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    sim_rng_seed(&rng, seed);
    pthread_mutex_lock(&h->phys_lock);
    int rc = sim_randomise(h, &rng);
    pthread_mutex_unlock(&h->phys_lock);
    return rc;
}

int dexd_sim_step(dexd_hand *h, int n)
{
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    if (h->cfg.clock != DEXD_SIM_CLOCK_LOCKSTEP) {
        return sim_fail(h, DEXD_HAND_E_STATE, "step: the simulation runs in realtime clock mode; "
                        "only lockstep mode is stepped by the caller");
    }
    if (n < 0) {
        return sim_fail(h, DEXD_HAND_E_ARG, "step: n must be >= 0, got %d", n);
    }
    pthread_mutex_lock(&h->phys_lock);
    int rc = sim_advance(h, n);
    pthread_mutex_unlock(&h->phys_lock);
    return rc;
}

int dexd_sim_truth(dexd_hand *h, dexd_sim_world_truth *out)
{
    if (h == NULL || out == NULL) {
        return DEXD_HAND_E_ARG;
    }
    pthread_mutex_lock(&h->state_lock);
    *out = h->snap_truth;
    pthread_mutex_unlock(&h->state_lock);
    return DEXD_HAND_OK;
}

static int bad_index(dexd_hand *h, const char *call, const char *what, int index, int count)
{
    return sim_fail(h, DEXD_HAND_E_ARG, "%s: %s index %d is outside 0..%d", call, what, index, count - 1);
}

int dexd_sim_lock_joint(dexd_hand *h, int joint, int locked)
{
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    if (joint < 0 || joint >= NJ) {
        return bad_index(h, "lock_joint", "joint", joint, NJ);
    }
    pthread_mutex_lock(&h->phys_lock);
    h->faults.locked[joint] = locked != 0;
    h->faults.locked_at[joint] = h->d->qpos[h->map.qpos[joint]];
    sim_apply_locks(h);
    pthread_mutex_unlock(&h->phys_lock);
    return DEXD_HAND_OK;
}

int dexd_sim_freeze_joint(dexd_hand *h, int joint, int frozen)
{
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    if (joint < 0 || joint >= NJ) {
        return bad_index(h, "freeze_joint", "joint", joint, NJ);
    }
    pthread_mutex_lock(&h->phys_lock);
    if (frozen && !h->faults.frozen[joint]) {
        h->faults.frozen_at[joint] = h->d->qpos[h->map.qpos[joint]];
    }
    h->faults.frozen[joint] = frozen != 0;
    pthread_mutex_unlock(&h->phys_lock);
    return DEXD_HAND_OK;
}

int dexd_sim_delay_actuator(dexd_hand *h, int actuator, int writes)
{
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    if (actuator < 0 || actuator >= NA) {
        return bad_index(h, "delay_actuator", "actuator", actuator, NA);
    }
    if (writes < 0 || writes > DEXD_SIM_MAX_DELAY) {
        return sim_fail(h, DEXD_HAND_E_ARG, "delay_actuator: delay %d is outside 0..%d writes",
                        writes, DEXD_SIM_MAX_DELAY);
    }
    pthread_mutex_lock(&h->phys_lock);
    h->faults.delay[actuator] = writes;
    pthread_mutex_unlock(&h->phys_lock);
    return DEXD_HAND_OK;
}

int dexd_sim_face_torque(dexd_hand *h, int face, double torque)
{
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    if (face < 0 || face >= NFACE) {
        return bad_index(h, "face_torque", "face", face, NFACE);
    }
    if (!isfinite(torque)) {
        return sim_fail(h, DEXD_HAND_E_NOT_FINITE, "face_torque: torque is not finite");
    }
    pthread_mutex_lock(&h->phys_lock);
    h->faults.face_torque[face] = torque;
    pthread_mutex_unlock(&h->phys_lock);
    return DEXD_HAND_OK;
}

int dexd_sim_inject_fault(dexd_hand *h, int on)
{
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    atomic_store(&h->injected_fault, on != 0 ? 1u : 0u);
    return DEXD_HAND_OK;
}

int dexd_sim_clear_faults(dexd_hand *h)
{
    if (h == NULL) {
        return DEXD_HAND_E_ARG;
    }
    atomic_store(&h->injected_fault, 0u);
    pthread_mutex_lock(&h->phys_lock);
    memset(&h->faults, 0, sizeof h->faults);
    sim_apply_locks(h);
    pthread_mutex_unlock(&h->phys_lock);
    return DEXD_HAND_OK;
}
