/*
 * dexd_hand.h: the C ABI that every Shadow Dexterous Hand library for dexd implements.
 *
 * dexd loads a hand library (a real hand over EtherCAT, or the MuJoCo simulation
 * libdexd_mujoco.so) with JNA and drives it only through the functions below. The full
 * contract (units, threads, what a library must defend against) is in drivers/README.md.
 *
 * Conventions
 *  - Every function returns an int: DEXD_HAND_OK (0) or a non-negative count on success, a
 *    negative DEXD_HAND_E_* code on failure. After a failure, dexd_hand_last_error() gives one
 *    line of text that names the problem.
 *  - Angles in radians, angular velocities in rad/s, efforts in N m, times in nanoseconds.
 *  - Arrays are in the fixed orders listed under "Joints" and "Actuators" below.
 *  - No call allocates or blocks for longer than a short internal mutex, except open/close.
 *
 * Changing anything in this file that a compiled library or dexd depends on bumps
 * DEXD_HAND_ABI_VERSION; dexd refuses to load a library that reports another version.
 */
#ifndef DEXD_HAND_H
#define DEXD_HAND_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DEXD_HAND_ABI_VERSION 1

#define DEXD_HAND_NUM_JOINTS    24
#define DEXD_HAND_NUM_ACTUATORS 20
#define DEXD_HAND_NAME_LEN      16 /* bytes per name, NUL-terminated, NUL-padded */
#define DEXD_HAND_LIBRARY_LEN   64 /* bytes for the library's own description */

/*
 * Joints (zero-based "simulation" names, base to tip):
 *   0 WRJ1  1 WRJ0
 *   2 FFJ3  3 FFJ2  4 FFJ1  5 FFJ0
 *   6 MFJ3  7 MFJ2  8 MFJ1  9 MFJ0
 *  10 RFJ3 11 RFJ2 12 RFJ1 13 RFJ0
 *  14 LFJ4 15 LFJ3 16 LFJ2 17 LFJ1 18 LFJ0
 *  19 THJ4 20 THJ3 21 THJ2 22 THJ1 23 THJ0
 * (Shadow's own names count from one: FFJ0 here is Shadow's FFJ1, WRJ1 is Shadow's WRJ2.)
 *
 * Actuators (the policy's order):
 *   0 A_WRJ1  1 A_WRJ0  2 A_FFJ3  3 A_FFJ2  4 A_FFJ1  5 A_MFJ3  6 A_MFJ2  7 A_MFJ1
 *   8 A_RFJ3  9 A_RFJ2 10 A_RFJ1 11 A_LFJ4 12 A_LFJ3 13 A_LFJ2 14 A_LFJ1
 *  15 A_THJ4 16 A_THJ3 17 A_THJ2 18 A_THJ1 19 A_THJ0
 * An actuator's position is its joint's position, except for the four coupled distal
 * actuators A_FFJ1, A_MFJ1, A_RFJ1, A_LFJ1: their position is J1 + J0 and their range 0..pi.
 * Targets are in the same units as positions.
 */

/* Return codes. */
#define DEXD_HAND_OK              0
#define DEXD_HAND_E_ARG          -1  /* a NULL handle or pointer, or an index out of range */
#define DEXD_HAND_E_CONFIG       -2  /* the config string is malformed or has an unknown key */
#define DEXD_HAND_E_OPEN         -3  /* the hand (device, model file) could not be opened */
#define DEXD_HAND_E_NOT_FINITE   -4  /* a target was NaN or infinite: all refused, old kept */
#define DEXD_HAND_E_HOLDING      -5  /* write refused: hold() is latched; call resume() */
#define DEXD_HAND_E_STATE        -6  /* the call is not valid in the current mode or state */
#define DEXD_HAND_E_IO           -7  /* communication with the hardware failed */
#define DEXD_HAND_E_FAULT        -8  /* the hand (or the simulation) is in a fault state */
#define DEXD_HAND_E_UNSUPPORTED  -9  /* the library does not implement this call */
#define DEXD_HAND_E_INTERNAL    -10  /* a bug in the library */

/* Status bits, reported by dexd_hand_read(). */
#define DEXD_HAND_STATUS_HOLDING  (1u << 0) /* hold() latched: holding position, writes refused */
#define DEXD_HAND_STATUS_WATCHDOG (1u << 1) /* no write within the watchdog time: holding position
                                               until the next accepted write */
#define DEXD_HAND_STATUS_CLIPPED  (1u << 2) /* the last accepted write had out-of-range targets,
                                               which were clipped to the ranges */
#define DEXD_HAND_STATUS_REJECTED (1u << 3) /* a write was refused since the last accepted one */
#define DEXD_HAND_STATUS_LATE     (1u << 4) /* the library's own cycle missed a deadline since the
                                               previous read (cleared by the read) */
#define DEXD_HAND_STATUS_FAULT    (1u << 5) /* a hardware or simulation fault: do not trust the
                                               state; hold and inspect */

/* Capability bits in dexd_hand_description.capabilities. */
#define DEXD_HAND_CAP_SIMULATED   (1u << 0) /* a simulation: dexd_sim.h is implemented too */

/* An opaque handle owned by the library. */
typedef struct dexd_hand dexd_hand;

/* What dexd_hand_describe() fills. Layout is part of the ABI (offsets in comments). */
typedef struct dexd_hand_description {
    uint32_t size;                                            /*    0: sizeof(this struct) */
    int32_t abi_version;                                      /*    4 */
    int32_t num_joints;                                       /*    8: DEXD_HAND_NUM_JOINTS */
    int32_t num_actuators;                                    /*   12: DEXD_HAND_NUM_ACTUATORS */
    uint32_t capabilities;                                    /*   16: DEXD_HAND_CAP_* bits */
    uint32_t reserved;                                        /*   20: zero */
    int64_t period_ns;                                        /*   24: the library's own cycle */
    char library[DEXD_HAND_LIBRARY_LEN];                      /*   32: e.g. "MuJoCo 2.2.2 sim" */
    char joint_names[DEXD_HAND_NUM_JOINTS][DEXD_HAND_NAME_LEN];       /*   96 */
    char actuator_names[DEXD_HAND_NUM_ACTUATORS][DEXD_HAND_NAME_LEN]; /*  480 */
    double joint_min[DEXD_HAND_NUM_JOINTS];                   /*  800 */
    double joint_max[DEXD_HAND_NUM_JOINTS];                   /*  992 */
    double actuator_min[DEXD_HAND_NUM_ACTUATORS];             /* 1184 */
    double actuator_max[DEXD_HAND_NUM_ACTUATORS];             /* 1344 */
} dexd_hand_description;                                      /* 1504 bytes */

/* What dexd_hand_read() fills. Layout is part of the ABI (offsets in comments). */
typedef struct dexd_hand_state {
    int64_t stamp_ns;   /*   0: CLOCK_MONOTONIC when sampled (lockstep simulation: sim time) */
    uint32_t status;    /*   8: DEXD_HAND_STATUS_* bits */
    uint32_t reserved;  /*  12: zero */
    double joint_pos[DEXD_HAND_NUM_JOINTS];          /*  16: rad */
    double joint_vel[DEXD_HAND_NUM_JOINTS];          /* 208: rad/s */
    double actuator_pos[DEXD_HAND_NUM_ACTUATORS];    /* 400: rad (coupled: J1 + J0) */
    double actuator_effort[DEXD_HAND_NUM_ACTUATORS]; /* 560: N m */
} dexd_hand_state;                                   /* 720 bytes */

/* The ABI version the library was built against. Callable before open, from any thread. */
int dexd_hand_abi_version(void);

/*
 * Opens the hand. config is "key=value;key=value" (keys are the library's own; unknown keys
 * are an error). On success stores the handle in *out and returns DEXD_HAND_OK; on failure
 * stores NULL and the error text is available from dexd_hand_last_error(NULL, ...) on the
 * same thread. The hand starts holding its current position.
 */
int dexd_hand_open(const char *config, dexd_hand **out);

/* Fills *out. Values never change while the hand is open. */
int dexd_hand_describe(dexd_hand *hand, dexd_hand_description *out);

/* Copies the latest state into *out. Never blocks on the hardware. */
int dexd_hand_read(dexd_hand *hand, dexd_hand_state *out);

/*
 * Sets the 20 actuator targets. Every target must be finite, else all are refused
 * (DEXD_HAND_E_NOT_FINITE) and the previous ones stay. Targets outside an actuator's range
 * are clipped to it. Returns how many were clipped (0..20) or a negative error.
 * Accepted writes feed the command watchdog.
 */
int dexd_hand_write(dexd_hand *hand, const double *targets);

/* E-stop: hold the current measured position and refuse writes until resume(). Any thread. */
int dexd_hand_hold(dexd_hand *hand);

/* Ends a hold: writes are accepted again (targets stay at the held position until then). */
int dexd_hand_resume(dexd_hand *hand);

/* Stops the hand (holding position where hardware allows) and frees the handle. Last call. */
int dexd_hand_close(dexd_hand *hand);

/*
 * Copies the text of the handle's last error (hand == NULL: of the last failed open on the
 * calling thread) into buf, NUL-terminated and cut to len bytes. Returns the full length of
 * the text (0: no error recorded). Any thread.
 */
int dexd_hand_last_error(const dexd_hand *hand, char *buf, int len);

#ifdef __cplusplus
}
#endif

#endif /* DEXD_HAND_H */
