/*
 * dexd-refloop: the reference periodic loop that `dexd bench` compares the Java control loop with.
 *
 * It sleeps with clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME) to absolute deadlines
 * (deadline k = start + k * period, so errors never accumulate), records how late each tick woke
 * (wake time - deadline) and prints percentiles as one line of JSON. Nothing runs in the tick: the
 * figures are the operating system's limit for a periodic loop on this machine.
 *
 * Overruns are handled as in the Java scheduler: a tick that is due a full period or more in the
 * past is skipped up to the next future deadline and counted, never run as a burst.
 *
 * Usage: dexd-refloop --rate HZ --seconds S [--cpu N] [--fifo PRIO] [--mlock] [--slack NS] [--raw]
 *   --cpu N      pin to CPU N (sched_setaffinity); --fifo PRIO: SCHED_FIFO at PRIO
 *   --mlock      mlockall(MCL_CURRENT | MCL_FUTURE)
 *   --slack NS   timer slack of the thread (prctl PR_SET_TIMERSLACK; default 50 us; ignored under FIFO)
 *   --raw        before the JSON line, print each tick's lateness in ns, one per line
 * A setting the OS refuses is reported in the JSON ("..._error") and the loop runs anyway.
 * Exit status: 0 ran, 1 bad arguments, 2 could not run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>

#define NS_PER_S 1000000000LL

typedef struct {
    double rate_hz;
    double seconds;
    int cpu;
    int fifo;
    int mlock;
    long slack_ns;
    int raw;
} options;

typedef struct {
    int64_t *lateness;   /* one per executed tick */
    int64_t executed;
    int64_t overruns;
    int64_t skipped;
} run_result;

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static void sleep_until(int64_t deadline_ns)
{
    struct timespec ts;
    ts.tv_sec = (time_t)(deadline_ns / NS_PER_S);
    ts.tv_nsec = (long)(deadline_ns % NS_PER_S);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
        /* absolute deadline: retrying after a signal is exact */
    }
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a;
    int64_t y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted values. */
static int64_t percentile(const int64_t *sorted, int64_t n, double p)
{
    if (n == 0) {
        return 0;
    }
    int64_t rank = (int64_t)((p / 100.0) * (double)n + 0.999999999);
    if (rank < 1) {
        rank = 1;
    }
    if (rank > n) {
        rank = n;
    }
    return sorted[rank - 1];
}

static void usage(FILE *out)
{
    fprintf(out, "usage: dexd-refloop --rate HZ --seconds S [--cpu N] [--fifo PRIO] [--mlock] [--slack NS] [--raw]\n");
}

static int parse(int argc, char **argv, options *o)
{
    static const struct option longs[] = {
        {"rate", required_argument, NULL, 'r'},
        {"seconds", required_argument, NULL, 's'},
        {"cpu", required_argument, NULL, 'c'},
        {"fifo", required_argument, NULL, 'f'},
        {"mlock", no_argument, NULL, 'm'},
        {"raw", no_argument, NULL, 'w'},
        {"slack", required_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    char *end;
    int c;
    o->rate_hz = 0;
    o->seconds = 0;
    o->cpu = -1;
    o->fifo = 0;
    o->mlock = 0;
    o->slack_ns = 0;
    o->raw = 0;
    while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
        switch (c) {
        case 'r': o->rate_hz = strtod(optarg, &end); if (*end) return -1; break;
        case 's': o->seconds = strtod(optarg, &end); if (*end) return -1; break;
        case 'c': o->cpu = (int)strtol(optarg, &end, 10); if (*end) return -1; break;
        case 'f': o->fifo = (int)strtol(optarg, &end, 10); if (*end) return -1; break;
        case 'm': o->mlock = 1; break;
        case 'w': o->raw = 1; break;
        case 'k': o->slack_ns = strtol(optarg, &end, 10); if (*end) return -1; break;
        case 'h': usage(stdout); exit(0);
        default: return -1;
        }
    }
    if (optind != argc || !(o->rate_hz > 0) || o->rate_hz > 100000 || !(o->seconds > 0) || o->seconds > 86400
        || o->cpu < -1 || o->cpu >= CPU_SETSIZE || o->fifo < 0 || o->fifo > 99 || o->slack_ns < 0) {
        return -1;
    }
    return 0;
}

/*
 * Runs ticks 1..ticks at start + k * period; tick 0 is the start itself and is not measured.
 * A tick found (before sleeping or on waking) a full period or more past its deadline is skipped
 * to the first future deadline, exactly as the Java scheduler does, so lateness is always below
 * one period and stalls show up as overruns in both loops alike.
 */
static void run(int64_t period_ns, int64_t ticks, run_result *r)
{
    int64_t start = now_ns();
    int64_t k = 1;
    while (k <= ticks) {
        int64_t deadline = start + k * period_ns;
        int64_t now = now_ns();
        if (now - deadline < period_ns) {
            sleep_until(deadline);
            now = now_ns();
            if (now - deadline < period_ns) {
                r->lateness[r->executed++] = now - deadline;
                k++;
                continue;
            }
        }
        int64_t next = (now - start) / period_ns + 1;   /* the first deadline after now */
        r->overruns++;
        r->skipped += (next > ticks ? ticks + 1 : next) - k;   /* count only periods of this run */
        k = next;
    }
}

int main(int argc, char **argv)
{
    options o;
    if (parse(argc, argv, &o) != 0) {
        usage(stderr);
        return 1;
    }
    int64_t period_ns = (int64_t)(NS_PER_S / o.rate_hz + 0.5);
    int64_t ticks = (int64_t)(o.seconds * o.rate_hz + 0.5);
    if (ticks < 1) {
        ticks = 1;
    }

    char cpu_error[64] = "";
    char fifo_error[64] = "";
    char mlock_error[64] = "";
    char slack_error[64] = "";
    if (o.cpu >= 0) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(o.cpu, &set);
        if (sched_setaffinity(0, sizeof set, &set) != 0) {
            snprintf(cpu_error, sizeof cpu_error, "%s", strerror(errno));
        }
    }
    if (o.fifo > 0) {
        struct sched_param sp;
        memset(&sp, 0, sizeof sp);
        sp.sched_priority = o.fifo;
        if (sched_setscheduler(0, SCHED_FIFO, &sp) != 0) {
            snprintf(fifo_error, sizeof fifo_error, "%s", strerror(errno));
        }
    }
    if (o.slack_ns > 0 && prctl(PR_SET_TIMERSLACK, (unsigned long)o.slack_ns, 0UL, 0UL, 0UL) != 0) {
        snprintf(slack_error, sizeof slack_error, "%s", strerror(errno));
    }
    if (o.mlock && mlockall(MCL_CURRENT | MCL_FUTURE) != 0) {
        snprintf(mlock_error, sizeof mlock_error, "%s", strerror(errno));
    }

    run_result r;
    memset(&r, 0, sizeof r);
    r.lateness = malloc((size_t)ticks * sizeof(int64_t));
    if (r.lateness == NULL) {
        fprintf(stderr, "dexd-refloop: cannot allocate %lld samples\n", (long long)ticks);
        return 2;
    }
    memset(r.lateness, 0, (size_t)ticks * sizeof(int64_t));   /* fault the pages in before the loop */

    run(period_ns, ticks, &r);

    if (o.raw) {
        for (int64_t i = 0; i < r.executed; i++) {
            printf("%lld\n", (long long)r.lateness[i]);
        }
    }
    qsort(r.lateness, (size_t)r.executed, sizeof(int64_t), cmp_i64);
    printf("{\"loop\":\"c-clock_nanosleep\",\"rate_hz\":%g,\"period_ns\":%lld,\"ticks\":%lld,"
           "\"overruns\":%lld,\"skipped\":%lld,"
           "\"p50_ns\":%lld,\"p90_ns\":%lld,\"p99_ns\":%lld,\"p99_9_ns\":%lld,\"max_ns\":%lld,"
           "\"cpu\":%d,\"cpu_pinned\":%s,\"cpu_error\":\"%s\","
           "\"fifo\":%d,\"fifo_granted\":%s,\"fifo_error\":\"%s\","
           "\"mlock\":%s,\"mlock_error\":\"%s\",\"timer_slack_ns\":%ld,\"slack_error\":\"%s\"}\n",
           o.rate_hz, (long long)period_ns, (long long)r.executed, (long long)r.overruns, (long long)r.skipped,
           (long long)percentile(r.lateness, r.executed, 50), (long long)percentile(r.lateness, r.executed, 90),
           (long long)percentile(r.lateness, r.executed, 99), (long long)percentile(r.lateness, r.executed, 99.9),
           (long long)(r.executed > 0 ? r.lateness[r.executed - 1] : 0),
           o.cpu, o.cpu >= 0 && cpu_error[0] == 0 ? "true" : "false", cpu_error,
           o.fifo, o.fifo > 0 && fifo_error[0] == 0 ? "true" : "false", fifo_error,
           o.mlock && mlock_error[0] == 0 ? "true" : "false", mlock_error,
           (long)prctl(PR_GET_TIMERSLACK, 0UL, 0UL, 0UL, 0UL), slack_error);
    free(r.lateness);
    return 0;
}
