/*
 * sim_config.c: parses the open config string "key=value;key=value". Unknown keys are errors,
 * so that a typo in a config file is reported instead of silently ignored.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

#define KEY_LEN 64
#define VALUE_LEN 1024

static void set_defaults(sim_config *c)
{
    memset(c, 0, sizeof *c);
    c->clock = DEXD_SIM_CLOCK_LOCKSTEP;
    c->watchdog_s = 0.2;
    c->friction[0] = c->friction[1] = 1.0;
    c->mass[0] = c->mass[1] = 1.0;
    c->damping[0] = c->damping[1] = 1.0;
    c->gain[0] = c->gain[1] = 1.0;
    c->face_detent = 0.01;
    c->gravity_compensation = 1;
}

static char *trim(char *s)
{
    while (*s == ' ') {
        s++;
    }
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ') {
        s[--n] = '\0';
    }
    return s;
}

static int parse_number(const char *text, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno != 0 || !isfinite(v)) {
        return -1;
    }
    *out = v;
    return 0;
}

/* "x" or "lo..hi". */
static int parse_range(const char *text, double out[2])
{
    char buf[VALUE_LEN];
    snprintf(buf, sizeof buf, "%s", text);
    char *dots = strstr(buf, "..");
    if (dots == NULL) {
        if (parse_number(buf, &out[0]) != 0) {
            return -1;
        }
        out[1] = out[0];
        return 0;
    }
    *dots = '\0';
    if (parse_number(trim(buf), &out[0]) != 0 || parse_number(trim(dots + 2), &out[1]) != 0) {
        return -1;
    }
    return out[0] <= out[1] ? 0 : -1;
}

static int parse_scale(const char *key, const char *value, double out[2], char *err, int len)
{
    if (parse_range(value, out) != 0 || out[0] <= 0.0) {
        snprintf(err, (size_t)len, "config: %s: expected a positive scale or lo..hi with lo <= hi, got '%s'",
                 key, value);
        return -1;
    }
    return 0;
}

static int parse_nonneg(const char *key, const char *value, double *out, char *err, int len)
{
    if (parse_number(value, out) != 0 || *out < 0.0) {
        snprintf(err, (size_t)len, "config: %s: expected a number >= 0, got '%s'", key, value);
        return -1;
    }
    return 0;
}

static int parse_clock(const char *value, sim_config *c, char *err, int len)
{
    if (strcmp(value, "lockstep") == 0) {
        c->clock = DEXD_SIM_CLOCK_LOCKSTEP;
    } else if (strcmp(value, "realtime") == 0) {
        c->clock = DEXD_SIM_CLOCK_REALTIME;
    } else {
        snprintf(err, (size_t)len, "config: clock: expected lockstep or realtime, got '%s'", value);
        return -1;
    }
    return 0;
}

static int parse_seed(const char *value, sim_config *c, char *err, int len)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(value, &end, 10);
    if (end == value || *end != '\0' || errno != 0 || value[0] == '-') {
        snprintf(err, (size_t)len, "config: seed: expected an unsigned integer, got '%s'", value);
        return -1;
    }
    c->seed = (uint64_t)v;
    return 0;
}

static int parse_bool(const char *key, const char *value, int *out, char *err, int len)
{
    if (strcmp(value, "1") == 0 || strcmp(value, "true") == 0) {
        *out = 1;
    } else if (strcmp(value, "0") == 0 || strcmp(value, "false") == 0) {
        *out = 0;
    } else {
        snprintf(err, (size_t)len, "config: %s: expected true or false, got '%s'", key, value);
        return -1;
    }
    return 0;
}

static int parse_timestep(const char *value, sim_config *c, char *err, int len)
{
    if (parse_number(value, &c->timestep) != 0 || c->timestep < 0.0001 || c->timestep > 0.02) {
        snprintf(err, (size_t)len, "config: timestep: expected seconds in 0.0001..0.02, got '%s'", value);
        return -1;
    }
    return 0;
}

static int parse_watchdog(const char *value, sim_config *c, char *err, int len)
{
    double ms = 0;
    if (parse_nonneg("watchdog_ms", value, &ms, err, len) != 0) {
        return -1;
    }
    c->watchdog_s = ms / 1000.0;
    return 0;
}

static int apply_pair(const char *key, const char *value, sim_config *c, char *err, int len)
{
    if (strcmp(key, "model") == 0) {
        if (strlen(value) >= sizeof c->model) {
            snprintf(err, (size_t)len, "config: model: path too long");
            return -1;
        }
        snprintf(c->model, sizeof c->model, "%s", value);
        return 0;
    }
    if (strcmp(key, "clock") == 0) return parse_clock(value, c, err, len);
    if (strcmp(key, "timestep") == 0) return parse_timestep(value, c, err, len);
    if (strcmp(key, "watchdog_ms") == 0) return parse_watchdog(value, c, err, len);
    if (strcmp(key, "seed") == 0) return parse_seed(value, c, err, len);
    if (strcmp(key, "friction_scale") == 0) return parse_scale(key, value, c->friction, err, len);
    if (strcmp(key, "mass_scale") == 0) return parse_scale(key, value, c->mass, err, len);
    if (strcmp(key, "damping_scale") == 0) return parse_scale(key, value, c->damping, err, len);
    if (strcmp(key, "gain_scale") == 0) return parse_scale(key, value, c->gain, err, len);
    if (strcmp(key, "cube_position_noise") == 0) return parse_nonneg(key, value, &c->cube_position_noise, err, len);
    if (strcmp(key, "cube_yaw_noise") == 0) return parse_nonneg(key, value, &c->cube_yaw_noise, err, len);
    if (strcmp(key, "face_angle_noise") == 0) return parse_nonneg(key, value, &c->face_angle_noise, err, len);
    if (strcmp(key, "face_detent") == 0) return parse_nonneg(key, value, &c->face_detent, err, len);
    if (strcmp(key, "gravity_compensation") == 0) return parse_bool(key, value, &c->gravity_compensation, err, len);
    snprintf(err, (size_t)len, "config: unknown key '%s' (known: model, clock, timestep, watchdog_ms, seed, "
             "friction_scale, mass_scale, damping_scale, gain_scale, cube_position_noise, cube_yaw_noise, "
             "face_angle_noise, face_detent, gravity_compensation)", key);
    return -1;
}

static int parse_item(char *item, sim_config *c, char *err, int len)
{
    char *eq = strchr(item, '=');
    if (eq == NULL) {
        snprintf(err, (size_t)len, "config: expected key=value, got '%s'", item);
        return -1;
    }
    *eq = '\0';
    char *key = trim(item);
    char *value = trim(eq + 1);
    if (strlen(key) >= KEY_LEN || key[0] == '\0') {
        snprintf(err, (size_t)len, "config: bad key '%s'", key);
        return -1;
    }
    return apply_pair(key, value, c, err, len);
}

int sim_config_parse(const char *text, sim_config *out, char *err, int len)
{
    set_defaults(out);
    if (text == NULL) {
        snprintf(err, (size_t)len, "config: NULL config string");
        return -1;
    }
    size_t n = strlen(text);
    char *copy = malloc(n + 1);
    if (copy == NULL) {
        snprintf(err, (size_t)len, "config: out of memory");
        return -1;
    }
    memcpy(copy, text, n + 1);
    int rc = 0;
    char *save = NULL;
    for (char *item = strtok_r(copy, ";", &save); item != NULL && rc == 0; item = strtok_r(NULL, ";", &save)) {
        if (trim(item)[0] != '\0') {
            rc = parse_item(item, out, err, len);
        }
    }
    free(copy);
    if (rc == 0 && out->model[0] == '\0') {
        snprintf(err, (size_t)len, "config: no model=PATH given (the MJCF file to simulate)");
        rc = -1;
    }
    return rc;
}
