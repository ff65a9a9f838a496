/*
 * sim_internal.h: the simulated hand's handle and the functions its source files share.
 *
 * Ownership, which is what keeps the library free of data races:
 *  - physics: model, data, servo, faults, config. Touched only with phys_lock held (in
 *    realtime mode the stepping thread holds it for one step at a time).
 *  - cmd: what writers hand to the physics. cmd_lock, held for a copy of 20 doubles.
 *  - snap: what readers get. state_lock, held for a copy of one state and one truth.
 *  - error text: err_lock, error paths only.
 * Lock order: phys_lock before cmd_lock or state_lock; cmd_lock and state_lock never nest.
 */
#ifndef DEXD_SIM_INTERNAL_H
#define DEXD_SIM_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include <mujoco/mujoco.h>

#include "dexd_hand.h"
#include "dexd_sim.h"

#define NJ DEXD_HAND_NUM_JOINTS
#define NA DEXD_HAND_NUM_ACTUATORS
#define NFACE DEXD_SIM_NUM_FACES
#define NTIP DEXD_SIM_NUM_TIPS
#define RING (DEXD_SIM_MAX_DELAY + 1)
#define MAX_TERMS 4 /* joints summed into one actuator position */
#define ERR_LEN 512
#define SIM_PI 3.14159265358979323846

extern const char *const SIM_JOINT_NAMES[NJ];
extern const char *const SIM_ACTUATOR_NAMES[NA];
extern const char *const SIM_FACE_NAMES[NFACE];
extern const char *const SIM_TIP_SITES[NTIP];
#define SIM_MOUNT_BODY "hand_mount" /* the hand frame: fingertips are given relative to it */

/* What the open config string sets (see drivers/README.md for the keys). */
typedef struct sim_config {
    char model[1024];
    int clock;                    /* DEXD_SIM_CLOCK_* */
    double timestep;              /* s; 0: the model's own */
    double watchdog_s;            /* 0: off */
    uint64_t seed;
    double friction[2];           /* scale ranges, lo..hi */
    double mass[2];
    double damping[2];
    double gain[2];
    double cube_position_noise;   /* m, uniform +- in the horizontal plane */
    double cube_yaw_noise;        /* rad, uniform +- about the vertical */
    double face_angle_noise;      /* rad, uniform +- per face */
    double face_detent;           /* N m, amplitude of the quarter-turn detent */
    int gravity_compensation;     /* 1: cancel gravity on the hand's joints */
} sim_config;

/* Model indices, found by name at open. */
typedef struct sim_map {
    int jnt[NJ];
    int qpos[NJ];
    int dof[NJ];
    int act[NA];
    int act_terms[NA];
    int act_joint[NA][MAX_TERMS];  /* indices into the 24 joints */
    double act_coef[NA][MAX_TERMS];
    int cube_body;
    int cube_qpos;
    int face_qpos[NFACE];
    int face_dof[NFACE];
    int tip_site[NTIP];
    int mount_body;
} sim_map;

/* Pending command from writers. */
typedef struct sim_cmd {
    double targets[NA];
    uint64_t seq;        /* bumped by every accepted write */
    int held;            /* hold() latched */
    double held_targets[NA];
    uint32_t flags;      /* CLIPPED, REJECTED */
} sim_cmd;

/* The servo side of the physics: delay lines and the watchdog. */
typedef struct sim_servo {
    double ring[RING][NA];   /* accepted targets, newest at head */
    int head;
    uint64_t seen_seq;
    int held;
    double held_targets[NA];
    int watchdog_armed;      /* armed by the first write after reset */
    int watchdog_tripped;
    int64_t last_write_step;
    double watchdog_targets[NA];
    double ctrl[NA];         /* what the actuators are servoing to, in actuator order */
} sim_servo;

/* Injected faults and perturbations. */
typedef struct sim_faults {
    int locked[NJ];
    double locked_at[NJ];
    int frozen[NJ];
    double frozen_at[NJ];
    int delay[NA];
    double face_torque[NFACE];
} sim_faults;

struct dexd_hand {
    sim_config cfg;
    sim_map map;
    mjModel *m0;          /* as loaded (with the configured timestep) */
    mjModel *m;           /* randomised copy that is simulated */
    mjData *d;
    mjData *scratch;      /* for mj_setConst, which would clobber d */
    int64_t timestep_ns;
    int64_t watchdog_steps;
    int64_t steps;
    int fault;
    dexd_hand_description desc;
    sim_servo servo;
    sim_faults faults;

    pthread_mutex_t phys_lock;
    pthread_mutex_t cmd_lock;
    pthread_mutex_t state_lock;
    pthread_mutex_t err_lock;
    sim_cmd cmd;
    dexd_hand_state snap_state;
    dexd_sim_world_truth snap_truth;
    dexd_hand_state scratch_state;   /* physics-owned, built before publishing */
    dexd_sim_world_truth scratch_truth;

    pthread_t thread;
    int thread_started;
    atomic_int stop;
    atomic_uint late;
    atomic_uint injected_fault; /* dexd_sim_inject_fault: reads report DEXD_HAND_STATUS_FAULT */
    char error[ERR_LEN];
};

/* sim_error.c */
int sim_fail(dexd_hand *h, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int sim_open_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sim_one_line(char *text);
int sim_copy_text(const char *text, char *buf, int len);
const char *sim_open_error(void);

/* sim_guard.c: every MuJoCo call that may raise mju_error goes through here. */
typedef void (*sim_mj_fn)(void *ctx);
void sim_guard_install(void);
int sim_guard_run(sim_mj_fn fn, void *ctx, char *err, int len);

/* sim_config.c */
int sim_config_parse(const char *text, sim_config *out, char *err, int len);

/* sim_model.c */
int sim_check_version(char *err, int len);
mjModel *sim_load_xml(const char *path, char *err, int len);
int sim_map_joints(const mjModel *m, sim_map *map, char *err, int len);
int sim_map_tips(const mjModel *m, sim_map *map, char *err, int len);
int sim_model_load(dexd_hand *h, char *err, int len);
void sim_model_describe(dexd_hand *h);
void sim_model_free(dexd_hand *h);

/* sim_random.c */
typedef struct sim_rng { uint64_t s[4]; } sim_rng;
void sim_rng_seed(sim_rng *r, uint64_t seed);
double sim_rng_uniform(sim_rng *r, double lo, double hi);
int sim_randomise(dexd_hand *h, sim_rng *r);
int sim_place_cube(dexd_hand *h, sim_rng *r);

/* sim_physics.c */
int sim_advance(dexd_hand *h, int n);
int sim_publish(dexd_hand *h);
void sim_tips_in_hand(const mjData *d, const sim_map *map, double out[NTIP * 3]);
void sim_reported_joints(const dexd_hand *h, double pos[NJ], double vel[NJ]);
void sim_actuator_positions(const dexd_hand *h, const double joint_pos[NJ], double out[NA]);
int sim_restart(dexd_hand *h, uint64_t seed);
void sim_apply_locks(dexd_hand *h);

/* sim_realtime.c */
int sim_realtime_start(dexd_hand *h);
void sim_realtime_stop(dexd_hand *h);
int64_t sim_monotonic_ns(void);

#endif /* DEXD_SIM_INTERNAL_H */
