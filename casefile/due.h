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

struct due_item {
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
void	due_list_release(struct due_list *);
/* "answer to the request", "report on the decision", ... */
const char *due_what(const struct due_item *);

#endif
