/*
 * sim_physics.c: one physics step is take the command -> watchdog -> controls and forces ->
 * mj_step -> stability check; after a batch of steps the state is published to readers.
 * Everything here runs with phys_lock held.
 */
#include <math.h>
#include <string.h>

#include "sim_internal.h"

static double wrap_angle(double a)
{
    double w = fmod(a + SIM_PI, 2.0 * SIM_PI);
    if (w <= 0.0) {
        w += 2.0 * SIM_PI;
    }
    return w - SIM_PI;
}

void sim_reported_joints(const dexd_hand *h, double pos[NJ], double vel[NJ])
{
    for (int j = 0; j < NJ; j++) {
        pos[j] = h->faults.frozen[j] ? h->faults.frozen_at[j] : h->d->qpos[h->map.qpos[j]];
        vel[j] = h->faults.frozen[j] ? 0.0 : h->d->qvel[h->map.dof[j]];
    }
}

void sim_actuator_positions(const dexd_hand *h, const double joint_pos[NJ], double out[NA])
{
    for (int a = 0; a < NA; a++) {
        double sum = 0.0;
        for (int t = 0; t < h->map.act_terms[a]; t++) {
            sum += h->map.act_coef[a][t] * joint_pos[h->map.act_joint[a][t]];
        }
        out[a] = sum;
    }
}

static void measured_actuators(const dexd_hand *h, double out[NA])
{
    double pos[NJ];
    double vel[NJ];
    sim_reported_joints(h, pos, vel);
    sim_actuator_positions(h, pos, out);
}

/* New writes enter the delay lines; a write re-arms the watchdog. */
static void take_command(dexd_hand *h)
{
    sim_servo *s = &h->servo;
    pthread_mutex_lock(&h->cmd_lock);
    if (h->cmd.seq != s->seen_seq) {
        s->seen_seq = h->cmd.seq;
        s->head = (s->head + 1) % RING;
        memcpy(s->ring[s->head], h->cmd.targets, sizeof s->ring[0]);
        s->watchdog_armed = 1;
        s->watchdog_tripped = 0;
        s->last_write_step = h->steps;
    }
    s->held = h->cmd.held;
    if (s->held) {
        memcpy(s->held_targets, h->cmd.held_targets, sizeof s->held_targets);
    }
    pthread_mutex_unlock(&h->cmd_lock);
}

static void check_watchdog(dexd_hand *h)
{
    sim_servo *s = &h->servo;
    if (s->watchdog_armed && !s->watchdog_tripped && h->watchdog_steps > 0
        && h->steps - s->last_write_step >= h->watchdog_steps) {
        s->watchdog_tripped = 1;
        measured_actuators(h, s->watchdog_targets);
    }
}

/* Safety holds bypass the simulated command delays. */
static void choose_controls(dexd_hand *h)
{
    sim_servo *s = &h->servo;
    for (int a = 0; a < NA; a++) {
        if (s->held) {
            s->ctrl[a] = s->held_targets[a];
        } else if (s->watchdog_tripped) {
            s->ctrl[a] = s->watchdog_targets[a];
        } else {
            s->ctrl[a] = s->ring[(s->head - h->faults.delay[a] + RING) % RING][a];
        }
        h->d->ctrl[h->map.act[a]] = s->ctrl[a];
    }
}

/* Gravity compensation stands in for the integral term of the real hand's joint controllers;
   the faces get a quarter-turn detent and any perturbation torque. */
static void apply_forces(dexd_hand *h)
{
    mjData *d = h->d;
    mju_zero(d->qfrc_applied, h->m->nv);
    if (h->cfg.gravity_compensation) {
        for (int j = 0; j < NJ; j++) {
            d->qfrc_applied[h->map.dof[j]] = d->qfrc_bias[h->map.dof[j]];
        }
    }
    for (int f = 0; f < NFACE; f++) {
        double angle = d->qpos[h->map.face_qpos[f]];
        d->qfrc_applied[h->map.face_dof[f]] = -h->cfg.face_detent * sin(4.0 * angle) + h->faults.face_torque[f];
    }
}

static void step_fn(void *p)
{
    dexd_hand *h = p;
    mj_step(h->m, h->d);
}

static int unstable(const dexd_hand *h, const int before[3])
{
    return h->d->warning[mjWARN_BADQPOS].number != before[0]
        || h->d->warning[mjWARN_BADQVEL].number != before[1]
        || h->d->warning[mjWARN_BADQACC].number != before[2];
}

static int step_once(dexd_hand *h)
{
    char err[ERR_LEN];
    int before[3] = {h->d->warning[mjWARN_BADQPOS].number, h->d->warning[mjWARN_BADQVEL].number,
                     h->d->warning[mjWARN_BADQACC].number};
    take_command(h);
    check_watchdog(h);
    choose_controls(h);
    apply_forces(h);
    if (sim_guard_run(step_fn, h, err, sizeof err) != 0) {
        h->fault = 1;
        return sim_fail(h, DEXD_HAND_E_FAULT, "simulation failed at step %lld: %s (reset to go on)",
                        (long long)h->steps, err);
    }
    h->steps++;
    if (unstable(h, before)) {
        h->fault = 1;
        return sim_fail(h, DEXD_HAND_E_FAULT, "simulation became unstable at %.3f s (MuJoCo reset its state); "
                        "reset to go on", (double)h->steps * 1e-9 * (double)h->timestep_ns);
    }
    return DEXD_HAND_OK;
}

int sim_advance(dexd_hand *h, int n)
{
    if (h->fault) {
        return sim_fail(h, DEXD_HAND_E_FAULT, "simulation is in a fault state: reset to go on");
    }
    int rc = DEXD_HAND_OK;
    for (int i = 0; i < n && rc == DEXD_HAND_OK; i++) {
        rc = step_once(h);
    }
    int prc = sim_publish(h);
    return rc != DEXD_HAND_OK ? rc : prc;
}

static void fill_state(dexd_hand *h, dexd_hand_state *st)
{
    sim_reported_joints(h, st->joint_pos, st->joint_vel);
    sim_actuator_positions(h, st->joint_pos, st->actuator_pos);
    for (int a = 0; a < NA; a++) {
        st->actuator_effort[a] = h->d->actuator_force[h->map.act[a]];
    }
    st->stamp_ns = h->cfg.clock == DEXD_SIM_CLOCK_REALTIME ? sim_monotonic_ns() : h->steps * h->timestep_ns;
    st->status = (h->servo.watchdog_tripped ? DEXD_HAND_STATUS_WATCHDOG : 0u)
               | (h->fault ? DEXD_HAND_STATUS_FAULT : 0u);
    st->reserved = 0;
}

/* Fingertips relative to the hand mount: p_hand = R^T (p_world - origin). The truth and the
   fingertip kinematics (fk_api.c) both use this, so they share one frame by construction. */
void sim_tips_in_hand(const mjData *d, const sim_map *map, double out[NTIP * 3])
{
    const double *origin = d->xpos + 3 * map->mount_body;
    const double *rot = d->xmat + 9 * map->mount_body;
    for (int k = 0; k < NTIP; k++) {
        double rel[3];
        mju_sub3(rel, d->site_xpos + 3 * map->tip_site[k], origin);
        mju_mulMatTVec(out + 3 * k, rot, rel, 3, 3);
    }
}

static void fill_truth(dexd_hand *h, dexd_sim_world_truth *t)
{
    const mjData *d = h->d;
    t->time_ns = h->steps * h->timestep_ns;
    t->steps = h->steps;
    memcpy(t->cube_pos, d->xpos + 3 * h->map.cube_body, sizeof t->cube_pos);
    memcpy(t->cube_quat, d->xquat + 4 * h->map.cube_body, sizeof t->cube_quat);
    for (int f = 0; f < NFACE; f++) {
        t->face_angles[f] = wrap_angle(d->qpos[h->map.face_qpos[f]]);
    }
    sim_tips_in_hand(d, &h->map, t->fingertip_pos);
}

static void kinematics_fn(void *p)
{
    dexd_hand *h = p;
    mj_kinematics(h->m, h->d);
}

int sim_publish(dexd_hand *h)
{
    char err[ERR_LEN];
    /* mj_step leaves body poses from before its integration; bring them up to date with qpos. */
    if (sim_guard_run(kinematics_fn, h, err, sizeof err) != 0) {
        h->fault = 1;
        sim_fail(h, DEXD_HAND_E_FAULT, "simulation failed: %s (reset to go on)", err);
    }
    fill_state(h, &h->scratch_state);
    fill_truth(h, &h->scratch_truth);
    pthread_mutex_lock(&h->state_lock);
    h->snap_state = h->scratch_state;
    h->snap_truth = h->scratch_truth;
    pthread_mutex_unlock(&h->state_lock);
    return h->fault ? DEXD_HAND_E_FAULT : DEXD_HAND_OK;
}

/* Locks pin a joint with a zero-width limit that is as stiff as the time step allows (solref
   at twice the step, critically damped; solimp near 1), like a jammed tendon. */
static void lock_one(dexd_hand *h, int id, double at)
{
    static const double solimp[mjNIMP] = {0.99, 0.999, 0.001, 0.5, 2.0};
    h->m->jnt_limited[id] = 1;
    h->m->jnt_range[2 * id] = at;
    h->m->jnt_range[2 * id + 1] = at;
    h->m->jnt_solref[mjNREF * id] = 2.0 * h->m->opt.timestep;
    h->m->jnt_solref[mjNREF * id + 1] = 1.0;
    memcpy(h->m->jnt_solimp + mjNIMP * id, solimp, sizeof solimp);
}

static void unlock_one(dexd_hand *h, int id)
{
    h->m->jnt_limited[id] = h->m0->jnt_limited[id];
    memcpy(h->m->jnt_range + 2 * id, h->m0->jnt_range + 2 * id, 2 * sizeof(mjtNum));
    memcpy(h->m->jnt_solref + mjNREF * id, h->m0->jnt_solref + mjNREF * id, mjNREF * sizeof(mjtNum));
    memcpy(h->m->jnt_solimp + mjNIMP * id, h->m0->jnt_solimp + mjNIMP * id, mjNIMP * sizeof(mjtNum));
}

void sim_apply_locks(dexd_hand *h)
{
    for (int j = 0; j < NJ; j++) {
        if (h->faults.locked[j]) {
            lock_one(h, h->map.jnt[j], h->faults.locked_at[j]);
        } else {
            unlock_one(h, h->map.jnt[j]);
        }
    }
}

static void reset_fn(void *p)
{
    dexd_hand *h = p;
    mj_resetData(h->m, h->d);
}

static void forward_fn(void *p)
{
    dexd_hand *h = p;
    mj_forward(h->m, h->d);
}

/* Targets start at the measured actuator positions: the hand holds its initial pose. */
static void restart_servo(dexd_hand *h)
{
    double start[NA];
    measured_actuators(h, start);
    memset(&h->servo, 0, sizeof h->servo);
    for (int r = 0; r < RING; r++) {
        memcpy(h->servo.ring[r], start, sizeof start);
    }
    memcpy(h->servo.ctrl, start, sizeof start);
    pthread_mutex_lock(&h->cmd_lock);
    memcpy(h->cmd.targets, start, sizeof start);
    h->cmd.held = 0;
    h->cmd.flags = 0;
    h->servo.seen_seq = h->cmd.seq;
    pthread_mutex_unlock(&h->cmd_lock);
}

int sim_restart(dexd_hand *h, uint64_t seed)
{
    char err[ERR_LEN];
    sim_rng rng;
    sim_rng_seed(&rng, seed);
    memset(&h->faults, 0, sizeof h->faults);
    h->fault = 0;
    h->steps = 0;
    int rc = sim_randomise(h, &rng);
    if (rc != DEXD_HAND_OK) {
        return rc;
    }
    if (sim_guard_run(reset_fn, h, err, sizeof err) != 0) {
        h->fault = 1;
        return sim_fail(h, DEXD_HAND_E_FAULT, "reset failed: %s", err);
    }
    sim_place_cube(h, &rng);
    if (sim_guard_run(forward_fn, h, err, sizeof err) != 0) {
        h->fault = 1;
        return sim_fail(h, DEXD_HAND_E_FAULT, "reset failed: %s", err);
    }
    restart_servo(h);
    return sim_publish(h);
}
