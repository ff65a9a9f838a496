/*
 * dexd_fk.h: fingertip forward kinematics from a hand's MJCF model (implemented by
 * libdexd_mujoco.so). Given the 24 measured joint positions it gives the five fingertip positions
 * in the hand frame, the same frame as dexd_sim_world_truth.fingertip_pos: relative to the body
 * "hand_mount", in that body's axes (for the Shadow model: +z from wrist to fingers, -y out of
 * the palm), metres. A context has its own model and data and shares nothing with a running
 * simulation, so it serves a real hand as well: any MJCF model with the 24 hinge joints (named as
 * in dexd_hand.h), the sites FFtip, MFtip, RFtip, LFtip, THtip and the body hand_mount will do.
 * Other joints of the model (a cube, say) stay at their reference position and do not matter.
 *
 * Return codes and error text as in dexd_hand.h (DEXD_HAND_OK, DEXD_HAND_E_*).
 * Threads: one thread at a time per context; contexts are independent.
 */
#ifndef DEXD_FK_H
#define DEXD_FK_H

#include "dexd_hand.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DEXD_FK_API_VERSION 1

#define DEXD_FK_NUM_JOINTS DEXD_HAND_NUM_JOINTS /* 24, in the order of dexd_hand.h */
#define DEXD_FK_NUM_TIPS   5                    /* FF, MF, RF, LF, TH */

/* An opaque kinematics context owned by the library. */
typedef struct dexd_fk dexd_fk;

int dexd_fk_api_version(void);

/*
 * Loads the MJCF model at model_path and finds the joints, sites and mount body by name. On
 * success stores the context in *out; on failure stores NULL and returns DEXD_HAND_E_OPEN (or
 * DEXD_HAND_E_ARG), with the text from dexd_fk_last_error(NULL, ...) on the same thread.
 */
int dexd_fk_open(const char *model_path, dexd_fk **out);

/*
 * Sets the 24 joint positions (rad) and writes the 5 fingertip positions (x, y, z each, FF first)
 * into tips_out. Forward kinematics only (no physics step); allocates nothing. A joint position
 * that is NaN or infinite: DEXD_HAND_E_NOT_FINITE and tips_out untouched.
 */
int dexd_fk_compute(dexd_fk *fk, const double *joint_pos, double *tips_out);

/* Frees the context. Last call on it; NULL is ignored. */
int dexd_fk_close(dexd_fk *fk);

/*
 * Copies the context's last error text (fk == NULL: of the last failed open on the calling
 * thread) into buf, NUL-terminated and cut to len bytes. Returns the full length (0: none).
 */
int dexd_fk_last_error(const dexd_fk *fk, char *buf, int len);

#ifdef __cplusplus
}
#endif

#endif /* DEXD_FK_H */
