/*
 * basis.c: the table behind basis.h.  Paragraph numbers follow lov nr. 434
 * af 6. maj 2025 (see nis2-rules.md); where the act only paraphrases, the
 * directive (EU) 2022/2555 or Implementing Regulation (EU) 2024/2690.
 */
#include "law/basis.h"

static const struct {
	const char	*text;
	const char	*title;
} table[BASIS_COUNT] = {
	[BASIS_S1_STK1] = { "§ 1, stk. 1",
	    "the act covers entities in the sectors of annex 1 and 2" },
	[BASIS_S1_EXCLUDED] = { "§ 1",
	    "not covered: entities under the energy, telecom or financial laws" },
	[BASIS_S1_STK6] = { "§ 1, stk. 6",
	    "extension to municipalities and educational institutions" },
	[BASIS_S4_STK1] = { "§ 4, stk. 1",
	    "essential: annex 1 entity that is a large enterprise" },
	[BASIS_S4_STK2] = { "§ 4, stk. 2",
	    "essential: municipality or region providing public electronic "
	    "communications, medium-sized" },
	[BASIS_S4_STK3_NR2] = { "§ 4, stk. 3, nr. 2",
	    "essential regardless of size: the state and state bodies" },
	[BASIS_S4_STK3_NR3] = { "§ 4, stk. 3, nr. 3",
	    "essential regardless of size: critical entity" },
	[BASIS_S4_STK3_NR5A] = { "§ 4, stk. 3, nr. 5, litra a",
	    "essential regardless of size: sole provider in Denmark of an "
	    "essential service" },
	[BASIS_S4_STK3_NR5B] = { "§ 4, stk. 3, nr. 5, litra b",
	    "essential regardless of size: disruption could significantly "
	    "affect public safety or public health" },
	[BASIS_DIR_ART3_1B] = { "directive (EU) 2022/2555 art. 3(1)(b)",
	    "essential regardless of size: qualified trust service providers, "
	    "TLD name registries, DNS service providers" },
	[BASIS_S4_BOTH] = { "§ 4",
	    "an entity that is both essential and important is essential" },
	[BASIS_S5] = { "§ 5",
	    "important: annex 1 or 2 entity, not essential, at least "
	    "medium-sized" },
	[BASIS_S5_DESIGNATED] = { "§ 5",
	    "important by decision of the competent authority" },
	[BASIS_S6_STK1] = { "§ 6, stk. 1",
	    "appropriate and proportionate security measures" },
	[BASIS_S6_NR1] = { "§ 6, stk. 2, nr. 1",
	    "risk analysis and information system security policies" },
	[BASIS_S6_NR2] = { "§ 6, stk. 2, nr. 2", "incident handling" },
	[BASIS_S6_NR3] = { "§ 6, stk. 2, nr. 3", "business continuity" },
	[BASIS_S6_NR4] = { "§ 6, stk. 2, nr. 4", "supply-chain security" },
	[BASIS_S6_NR5] = { "§ 6, stk. 2, nr. 5",
	    "security in acquisition, development and maintenance, "
	    "vulnerability handling" },
	[BASIS_S6_NR6] = { "§ 6, stk. 2, nr. 6",
	    "assessing the effectiveness of the measures" },
	[BASIS_S6_NR7] = { "§ 6, stk. 2, nr. 7",
	    "basic cyber hygiene and training" },
	[BASIS_S6_NR8] = { "§ 6, stk. 2, nr. 8", "cryptography and encryption" },
	[BASIS_S6_NR9] = { "§ 6, stk. 2, nr. 9",
	    "personnel security, access control, asset management" },
	[BASIS_S6_NR10] = { "§ 6, stk. 2, nr. 10",
	    "multi-factor or continuous authentication" },
	[BASIS_REG_2690_CRYPTO] = { "Implementing Regulation (EU) 2024/2690, "
	    "annex point 9", "cryptography" },
	[BASIS_REG_2690_ACCESS] = { "Implementing Regulation (EU) 2024/2690, "
	    "annex point 11", "access control" },
	[BASIS_REG_2690_VULN] = { "Implementing Regulation (EU) 2024/2690, "
	    "annex point 6.10", "vulnerability handling" },
	[BASIS_S7] = { "§ 7", "the management body approves the measures" },
	[BASIS_S10] = { "§ 10", "registration with the competent authority" },
	[BASIS_S33_STK3] = { "§ 33, stk. 3",
	    "registration deadline not before 1 October 2025" },
	[BASIS_S10_CHANGE] = { "§ 10",
	    "registration within two weeks of becoming covered; changes "
	    "within two weeks of the change" },
	[BASIS_S33_STK1] = { "§ 33, stk. 1",
	    "the act enters into force on 1 July 2025" },
	[BASIS_S12] = { "§ 12", "significant incidents" },
	[BASIS_S13_EARLY] = { "§ 13",
	    "early warning within 24 hours of becoming aware" },
	[BASIS_S13_NOTIFICATION] = { "§ 13",
	    "incident notification within 72 hours of becoming aware" },
	[BASIS_S13_INTERMEDIATE] = { "§ 13",
	    "intermediate report on the CSIRT's request" },
	[BASIS_S13_FINAL] = { "§ 13 (directive art. 23(4)(d))",
	    "final report within one month of the incident notification" },
	[BASIS_S13_PROGRESS] = { "§ 13 (directive art. 23(4)(e))",
	    "progress report when the incident is ongoing; final report within "
	    "one month of handling it" },
	[BASIS_S15] = { "§ 15", "notifying the recipients of the services" },
	[BASIS_S21] = { "§ 21",
	    "supervision of essential entities (proactive)" },
	[BASIS_S21_REQUEST] = { "§ 21",
	    "a request states its purpose, the information requested and its "
	    "format" },
	[BASIS_S22] = { "§ 22", "enforcement against essential entities" },
	[BASIS_S23] = { "§ 23",
	    "suspension of certification or authorisation, ban on management "
	    "(essential entities)" },
	[BASIS_S24] = { "§ 24",
	    "supervision of important entities (on indications only)" },
	[BASIS_S24_REQUEST] = { "§ 24",
	    "a request states its purpose, the information requested and its "
	    "format" },
	[BASIS_S25] = { "§ 25", "enforcement against important entities" },
	[BASIS_S32] = { "§ 32", "fines are imposed by the courts" },
	[BASIS_FINE_ESSENTIAL] = { "§ 32 (directive art. 34(4))",
	    "maximum fine for an essential entity: EUR 10 000 000 or 2 % of "
	    "worldwide annual turnover, whichever is higher" },
	[BASIS_FINE_IMPORTANT] = { "§ 32 (directive art. 34(5))",
	    "maximum fine for an important entity: EUR 7 000 000 or 1.4 % of "
	    "worldwide annual turnover, whichever is higher" },
	[BASIS_FVL_19] = { "forvaltningsloven § 19",
	    "the party is heard before a decision" },
	[BASIS_FVL_22_24] = { "forvaltningsloven §§ 22-24",
	    "a written decision states its reasons and the rules applied" },
	[BASIS_FVL_25] = { "forvaltningsloven § 25", "appeal guidance" },
	[BASIS_OFFL_15] = { "offentlighedsloven § 15",
	    "documents are journalised" },
	[BASIS_RSL] = { "retssikkerhedsloven § 10",
	    "no duty to incriminate oneself once a criminal sanction is in view" },
	[BASIS_S12_NO_ACCESS] = { "§ 12",
	    "incident notifications are exempt from access to documents "
	    "(aktindsigt)" },
	[BASIS_S33] = { "§ 33, stk. 1",
	    "the act enters into force on 1 July 2025" },
	[BASIS_OFFL_33_1] = { "offentlighedsloven § 33, nr. 1",
	    "access may be limited where needed to prevent offences: "
	    "security-sensitive information (IP ranges, hosts, ports, scan "
	    "results) that would ease an attack on the entity's systems" },
};

const char *
basis_text(enum basis_id id)
{
	if ((unsigned)id >= BASIS_COUNT || table[id].text == 0)
		return "?";
	return table[id].text;
}

const char *
basis_title(enum basis_id id)
{
	if ((unsigned)id >= BASIS_COUNT || table[id].title == 0)
		return "?";
	return table[id].title;
}
