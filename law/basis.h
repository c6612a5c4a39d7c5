/*
 * basis.h: the one table of legal references (nis2-rules.md).  Every rule
 * the code enforces names its paragraph through a basis_id, so that a
 * correction of a reference is a one-line change in basis.c.
 */
#ifndef TILSYN_BASIS_H
#define TILSYN_BASIS_H

enum basis_id {
	BASIS_S1_STK1,		/* scope: annex 1 and 2 sectors */
	BASIS_S1_EXCLUDED,	/* not covered: energy, telecom, finance laws */
	BASIS_S1_STK6,		/* extension to municipalities, education */
	BASIS_S4_STK1,		/* essential: annex 1, large */
	BASIS_S4_STK2,		/* essential: municipality/region e-comm, medium */
	BASIS_S4_STK3_NR2,	/* essential: state bodies */
	BASIS_S4_STK3_NR3,	/* essential: critical entity (CER law) */
	BASIS_S4_STK3_NR5A,	/* essential: sole provider in Denmark */
	BASIS_S4_STK3_NR5B,	/* essential: public safety or health impact */
	BASIS_DIR_ART3_1B,	/* essential: QTSP, TLD registry, DNS provider */
	BASIS_S4_BOTH,		/* both essential and important: essential */
	BASIS_S5,		/* important: annex 1/2, medium or large */
	BASIS_S5_DESIGNATED,	/* important by decision of the authority */
	BASIS_S6_STK1,
	BASIS_S6_NR1, BASIS_S6_NR2, BASIS_S6_NR3, BASIS_S6_NR4, BASIS_S6_NR5,
	BASIS_S6_NR6, BASIS_S6_NR7, BASIS_S6_NR8, BASIS_S6_NR9, BASIS_S6_NR10,
	BASIS_REG_2690_CRYPTO,	/* Implementing Regulation 2024/2690, annex 9 */
	BASIS_REG_2690_ACCESS,	/* annex 11: access control (MFA) */
	BASIS_REG_2690_VULN,	/* annex 6.10: vulnerability handling */
	BASIS_S7,		/* management body */
	BASIS_S10,		/* registration */
	BASIS_S33_STK3,		/* registration not before 2025-10-01 */
	BASIS_S10_CHANGE,	/* registered changes within two weeks */
	BASIS_S33_STK1,		/* in force 2025-07-01 */
	BASIS_S12,		/* significant incidents */
	BASIS_S13_EARLY,	/* early warning, 24 hours */
	BASIS_S13_NOTIFICATION,	/* incident notification, 72 hours */
	BASIS_S13_INTERMEDIATE,	/* intermediate report on request */
	BASIS_S13_FINAL,	/* final report, one month */
	BASIS_S13_PROGRESS,	/* progress report when still ongoing */
	BASIS_S15,		/* notifying recipients */
	BASIS_S21,		/* supervision, essential entities */
	BASIS_S21_REQUEST,	/* request must state purpose, content, format */
	BASIS_S22,		/* enforcement, essential entities */
	BASIS_S23,		/* suspension, ban on management (essential) */
	BASIS_S24,		/* supervision, important entities (reactive) */
	BASIS_S24_REQUEST,
	BASIS_S25,		/* enforcement, important entities */
	BASIS_S32,		/* penalties: fines by the courts */
	BASIS_FINE_ESSENTIAL,	/* EUR 10 m or 2 % */
	BASIS_FINE_IMPORTANT,	/* EUR 7 m or 1.4 % */
	BASIS_FVL_19,		/* forvaltningsloven § 19: partshøring */
	BASIS_FVL_22_24,	/* forvaltningsloven §§ 22-24: reasons */
	BASIS_FVL_25,		/* forvaltningsloven § 25: klagevejledning */
	BASIS_OFFL_15,		/* offentlighedsloven § 15: journalising */
	BASIS_RSL,		/* retssikkerhedsloven: self-incrimination */
	BASIS_S12_NO_ACCESS,	/* incident notifications: no aktindsigt */
	BASIS_S33,		/* entry into force: 1 July 2025 */
	BASIS_OFFL_33_1,	/* offentlighedsloven § 33, nr. 1: security */
	BASIS_COUNT
};

/* The citation as it is printed, e.g. "§ 4, stk. 1". */
const char *basis_text(enum basis_id);
/* A few words on what the paragraph says, in English. */
const char *basis_title(enum basis_id);

#endif
