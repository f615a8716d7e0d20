/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Running the ffa-sim binary under test (FFA_SIM_BIN, which the unit
 * target of proxy/variant.mk sets) from a cmocka test, with its exit
 * status and both outputs captured.
 */
#ifndef TESTS_SPAWN_UTIL_H
#define TESTS_SPAWN_UTIL_H

struct spawned {
	char *cmd;		/* for messages */
	int status;		/* exit status; the test fails on a signal */
	char *out, *err;
};

/*
 * ffa-sim with the arguments up to a NULL; standard input from the file
 * @input, or /dev/null when NULL.  One that cannot start or dies of a
 * signal fails the caller's line.
 */
#define spawn_sim(r, input, ...) \
	spawn_sim_at(__FILE__, __LINE__, (r), (input), __VA_ARGS__)
void spawn_sim_at(const char *file, int line, struct spawned *r,
		  const char *input, const char *arg, ...)
	__attribute__((sentinel));
void spawned_free(struct spawned *r);
/*
 * Fails the test at the caller's line, with both outputs, unless the exit
 * status is @want.
 */
#define spawned_assert_status(r, want) \
	spawned_check_status((r), (want), __FILE__, __LINE__)
void spawned_check_status(const struct spawned *r, int want,
			  const char *file, int line);


#endif /* TESTS_SPAWN_UTIL_H */
