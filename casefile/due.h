/*
 * due.h: open deadlines, as `due` lists them for every open case (from
 * the list the store's triggers keep) and as `case show` lists them for
 * one case (from law/rules over its steps).  verify holds the two
 * against each other.
 */
#ifndef TILSYN_DUE_H
#define TILSYN_DUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "law/rules.h"
#include "casefile/case.h"
#include "casefile/store.h"

/* What an item is: a step's deadline, or the register's (§ 10). */
enum due_source {
	DUE_STEP,
	DUE_REG_INCOMPLETE,	/* class undetermined: figures are missing */
	DUE_REG_LATE,		/* complete after its deadline */
	DUE_REG_CHANGE_LATE	/* a change registered after two weeks */
};

struct due_item {
	enum due_source	 src;
	char		 cvr[9];	/* DUE_REG_*: the entity */
	int64_t		 registered;	/* DUE_REG_*LATE: the day it was */
					/* complete, or registered */
	char		 case_id[CASE_ID_LEN];
	int		 n;		/* the step that set it */
	enum step_kind	 kind;
	bool		 report;	/* a decision's reporting deadline */
	int64_t		 day;
	enum basis_id	 basis;		/* due_case() only */
	char		*entity;	/* due_all() only */
};

struct due_list {
	struct due_item	*v;
	size_t		 n, cap;
};

/*
 * Every open deadline of every open case, by day (so the overdue ones come
 * first), then case, step, and the implementation before the reporting
 * deadline.  STORE_*.
 */
int	due_all(struct store *, struct due_list *)
	    __attribute__((warn_unused_result));
/* The open deadlines of one loaded case, in step order.  STORE_*. */
int	due_case(const struct case_state *, struct due_list *)
	    __attribute__((warn_unused_result));
/*
 * The register's items (§ 10; § 33, stk. 3), added to l and l sorted
 * again: each entity whose class is undetermined (figures missing: its
 * registration is incomplete), due on its registration deadline; and
 * each covered entity whose registration was complete only after that
 * deadline (DUE_REG_LATE, day the deadline).  The deadline is two weeks
 * after the day it became covered (its covered_since, else the day it
 * registered: its "registered", else the day of its entity-add), but not
 * before 2025-10-01; it was complete on the day of the first of its
 * events that left its class determined.  Read from the entity-add and
 * entity-update events, as register.c rebuilds them.  And each update
 * of a covered entity registered more than two weeks after the day it
 * says the change happened (its "changed"; § 10), DUE_REG_CHANGE_LATE,
 * day that day plus 14.  STORE_*.
 */
int	due_register(struct store *, struct due_list *l)
	    __attribute__((warn_unused_result));
void	due_list_release(struct due_list *);
/* "answer to the request", "report on the decision", ... */
const char *due_what(const struct due_item *);

#endif
