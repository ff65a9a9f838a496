/*
 * dexd_sim.h: what a simulated hand offers beyond dexd_hand.h (implemented by
 * libdexd_mujoco.so). Tests, the lockstep control loop and the simulated sensors use it;
 * a real-hand library does not implement it.
 *
 * Threads: in lockstep mode every call here comes from the thread that owns the simulation
 * (the one that steps it); dexd_hand_read/write/hold may come from others. In realtime mode
 * the library's own thread steps the physics; the calls here (except step) may come from any
 * one thread at a time and wait for at most one physics step.
 */
#ifndef DEXD_SIM_H
#define DEXD_SIM_H

#include "dexd_hand.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DEXD_SIM_API_VERSION 2 /* 2: dexd_sim_inject_fault */

#define DEXD_SIM_CLOCK_LOCKSTEP 0 /* the caller advances time with dexd_sim_step() */
#define DEXD_SIM_CLOCK_REALTIME 1 /* a library thread steps the physics at wall-clock pace */

#define DEXD_SIM_NUM_FACES      6 /* U, R, F, D, L, B */
#define DEXD_SIM_NUM_TIPS       5 /* FF, MF, RF, LF, TH */
#define DEXD_SIM_MAX_DELAY     15 /* writes an actuator's commands can be delayed by */

/* Ground truth of the simulation. Layout is part of the API (offsets in comments). */
typedef struct dexd_sim_world_truth {
    int64_t time_ns;                           /*   0: simulation time */
    int64_t steps;                             /*   8: physics steps since reset */
    double cube_pos[3];                        /*  16: world frame, m */
    double cube_quat[4];                       /*  40: world frame, w x y z */
    double face_angles[DEXD_SIM_NUM_FACES];    /*  72: rad in (-pi, pi], about outward normals */
    double fingertip_pos[DEXD_SIM_NUM_TIPS * 3]; /* 120: hand (mount) frame, m */
} dexd_sim_world_truth;                        /* 240 bytes */

int dexd_sim_api_version(void);

/* DEXD_SIM_CLOCK_*, or a negative error. */
int dexd_sim_clock(dexd_hand *hand);

/* The physics time step in nanoseconds, or a negative error. */
int64_t dexd_sim_timestep_ns(dexd_hand *hand);

/*
 * Starts a new episode: restores the model, samples physics parameters and the cube's initial
 * pose from seed within the ranges given at open, clears faults, holds, the watchdog and the
 * face torques, and sets the targets to the initial position. Same seed -> same episode.
 */
int dexd_sim_reset(dexd_hand *hand, uint64_t seed);

/* Resamples the physics parameters only (state, faults and targets kept). */
int dexd_sim_randomise(dexd_hand *hand, uint64_t seed);

/* Advances the physics by n steps (lockstep mode only, else DEXD_HAND_E_STATE). */
int dexd_sim_step(dexd_hand *hand, int n);

/* Copies the latest ground truth into *out. */
int dexd_sim_truth(dexd_hand *hand, dexd_sim_world_truth *out);

/* Fault: locked != 0 pins joint (0..23) where it is now; 0 frees it. */
int dexd_sim_lock_joint(dexd_hand *hand, int joint, int locked);

/* Fault: frozen != 0 makes reads report joint's current position (velocity 0) from now on. */
int dexd_sim_freeze_joint(dexd_hand *hand, int joint, int frozen);

/* Fault: actuator (0..19) applies the target written `writes` writes ago (0..DEXD_SIM_MAX_DELAY). */
int dexd_sim_delay_actuator(dexd_hand *hand, int actuator, int writes);

/* Perturbation: applies torque (N m, about the face's outward normal) to face 0..5 until changed. */
int dexd_sim_face_torque(dexd_hand *hand, int face, double torque);

/*
 * Fault: on != 0 makes every dexd_hand_read() report DEXD_HAND_STATUS_FAULT (a hand that says its
 * state cannot be trusted); 0 ends it. The physics runs on unchanged. Cleared by reset and
 * clear_faults too. Any thread.
 */
int dexd_sim_inject_fault(dexd_hand *hand, int on);

/* Removes every fault and face torque. */
int dexd_sim_clear_faults(dexd_hand *hand);

#ifdef __cplusplus
}
#endif

#endif /* DEXD_SIM_H */
