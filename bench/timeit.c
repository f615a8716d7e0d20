// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs a command several times and says how long it took and how much
 * memory it needed, process start-up included:
 *
 *   bench-timeit RUNS CMD [ARG...]
 *   -> "min 0.012345 median 0.012400 maxrss_kb 5400 cpu 0.011000"
 *
 * The minimum is the figure to compare (noise only ever adds time); the
 * peak resident size is the largest of the command and every process it
 * waited for, as wait4() reports it; cpu is the least user plus system
 * time of a run, the command and every process it waited for.  The command's output is discarded;
 * a run that fails ends the bench with its exit status.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void quiet_exec(char **argv)
{
	int null = open("/dev/null", O_WRONLY);

	if (null >= 0) {
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
	}
	execvp(argv[0], argv);
	_exit(127);
}

static double seconds(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

/*
 * One run: its wall time; *maxrss_kb grows to the run's peak, *cpu
 * falls to the run's least CPU time.
 */
static double run_once(char **argv, long *maxrss_kb, double *cpu)
{
	struct rusage ru;
	double t0 = now();
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		perror("bench-timeit: fork");
		exit(2);
	}
	if (!pid)
		quiet_exec(argv);
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("bench-timeit: wait4");
		exit(2);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "bench-timeit: %s failed (status %#x)\n",
			argv[0], status);
		exit(1);
	}
	if (ru.ru_maxrss > *maxrss_kb)
		*maxrss_kb = ru.ru_maxrss;
	if (seconds(&ru.ru_utime) + seconds(&ru.ru_stime) < *cpu)
		*cpu = seconds(&ru.ru_utime) + seconds(&ru.ru_stime);
	return now() - t0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	long maxrss_kb = 0;
	double *t, cpu = 1e30;
	int runs, i;

	if (argc < 3 || (runs = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: bench-timeit RUNS CMD [ARG...]\n");
		return 2;
	}
	t = calloc(runs, sizeof(*t));
	if (!t)
		return 2;
	for (i = 0; i < runs; i++)
		t[i] = run_once(argv + 2, &maxrss_kb, &cpu);
	qsort(t, runs, sizeof(*t), cmp_double);
	printf("min %.6f median %.6f maxrss_kb %ld cpu %.6f\n", t[0],
	       t[runs / 2], maxrss_kb, cpu);
	free(t);
	return 0;
}
