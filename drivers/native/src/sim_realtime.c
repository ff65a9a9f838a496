/*
 * sim_realtime.c: realtime clock mode. A library thread steps the physics on absolute
 * CLOCK_MONOTONIC deadlines, one time step apart, holding phys_lock only while it steps.
 * When it falls behind it reports LATE and restarts its schedule from now instead of running
 * a burst of catch-up steps.
 */
#define _GNU_SOURCE /* pthread_setname_np */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "sim_internal.h"

#define NS_PER_S 1000000000LL

int64_t sim_monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static struct timespec to_timespec(int64_t ns)
{
    struct timespec ts = {(time_t)(ns / NS_PER_S), (long)(ns % NS_PER_S)};
    return ts;
}

static void *run(void *arg)
{
    dexd_hand *h = arg;
    pthread_setname_np(pthread_self(), "dexd-sim");
    int64_t deadline = sim_monotonic_ns();
    while (!atomic_load(&h->stop)) {
        deadline += h->timestep_ns;
        pthread_mutex_lock(&h->phys_lock);
        if (!h->fault) {
            sim_advance(h, 1);
        }
        pthread_mutex_unlock(&h->phys_lock);
        int64_t now = sim_monotonic_ns();
        if (now > deadline) {
            atomic_store(&h->late, 1u);
            deadline = now;
        }
        struct timespec ts = to_timespec(deadline);
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
        }
    }
    return NULL;
}

int sim_realtime_start(dexd_hand *h)
{
    atomic_store(&h->stop, 0);
    int rc = pthread_create(&h->thread, NULL, run, h);
    if (rc != 0) {
        return sim_open_fail(DEXD_HAND_E_OPEN, "cannot start the realtime simulation thread: %s", strerror(rc));
    }
    h->thread_started = 1;
    return DEXD_HAND_OK;
}

void sim_realtime_stop(dexd_hand *h)
{
    if (h->thread_started) {
        atomic_store(&h->stop, 1);
        pthread_join(h->thread, NULL);
        h->thread_started = 0;
    }
}
