# tilsyn-classify golden tests.  Size edges of Recommendation 2003/361/EC:
# 250 and 50 persons are large and medium; the financial criterion needs
# both figures strictly above the boundary.
$ tilsyn-classify --sector energy --employees 250 --turnover 600000000 --balance 1000
> class: essential
> size: large
> annex: 1
> basis: § 4, stk. 1
> maximum fine: EUR 12000000
> reasoning:
>   - sectors: energy (annex 1)
>   - headcount 250: large by headcount (>= 250)
>   - turnover EUR 600 000 000, balance sheet EUR 1 000: small by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)
>   - size: large (Recommendation 2003/361/EC; one criterion suffices)
>   - essential: annex 1 entity that is large (§ 4, stk. 1)
>   - maximum fine: EUR 12 000 000, the higher of EUR 10 000 000 and 2 % of turnover EUR 600 000 000 (§ 32 (directive art. 34(4)))
? 0

$ tilsyn-classify --sector energy --employees 249 --turnover 0 --balance 0 -o json
> {"class":"important","size":"medium","annex":[1],"basis":["§ 5"],"max_fine_eur":7000000,"reasoning":["sectors: energy (annex 1)","headcount 249: medium by headcount (>= 50 and < 250)","turnover EUR 0, balance sheet EUR 0: small by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: medium (Recommendation 2003/361/EC; one criterion suffices)","important: annex 1 entity, not essential under § 4, at least medium-sized (§ 5)","maximum fine: EUR 7 000 000, the higher of EUR 7 000 000 and 1.4 % of turnover EUR 0 (§ 32 (directive art. 34(5)))"]}
? 0

$ tilsyn-classify --sector food --employees 50 --turnover 0 --balance 0 -o json
> {"class":"important","size":"medium","annex":[2],"basis":["§ 5"],"max_fine_eur":7000000,"reasoning":["sectors: food (annex 2)","headcount 50: medium by headcount (>= 50 and < 250)","turnover EUR 0, balance sheet EUR 0: small by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: medium (Recommendation 2003/361/EC; one criterion suffices)","important: annex 2 entity, not essential under § 4, at least medium-sized (§ 5)","maximum fine: EUR 7 000 000, the higher of EUR 7 000 000 and 1.4 % of turnover EUR 0 (§ 32 (directive art. 34(5)))"]}
? 0

$ tilsyn-classify --sector food --employees 49 --turnover 0 --balance 0 -o json
> {"class":"not-covered","size":"small","annex":[2],"basis":["§ 1, stk. 1"],"max_fine_eur":null,"reasoning":["sectors: food (annex 2)","headcount 49: small by headcount (< 50)","turnover EUR 0, balance sheet EUR 0: small by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: small (Recommendation 2003/361/EC; one criterion suffices)","not covered: a micro or small entity in an annex sector and not named in § 4 (§ 5 covers medium and large entities)"]}
? 0

$ tilsyn-classify --sector health --employees 10 --turnover 50000001 --balance 43000001 -o json
> {"class":"essential","size":"large","annex":[1],"basis":["§ 4, stk. 1"],"max_fine_eur":10000000,"reasoning":["sectors: health (annex 1)","headcount 10: small by headcount (< 50)","turnover EUR 50 000 001, balance sheet EUR 43 000 001: large by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: large (Recommendation 2003/361/EC; one criterion suffices)","essential: annex 1 entity that is large (§ 4, stk. 1)","maximum fine: EUR 10 000 000, the higher of EUR 10 000 000 and 2 % of turnover EUR 50 000 001 (§ 32 (directive art. 34(4)))"]}
? 0

$ tilsyn-classify --sector health --employees 10 --turnover 50000000 --balance 43000001 -o json
> {"class":"important","size":"medium","annex":[1],"basis":["§ 5"],"max_fine_eur":7000000,"reasoning":["sectors: health (annex 1)","headcount 10: small by headcount (< 50)","turnover EUR 50 000 000, balance sheet EUR 43 000 001: medium by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: medium (Recommendation 2003/361/EC; one criterion suffices)","important: annex 1 entity, not essential under § 4, at least medium-sized (§ 5)","maximum fine: EUR 7 000 000, the higher of EUR 7 000 000 and 1.4 % of turnover EUR 50 000 000 (§ 32 (directive art. 34(5)))"]}
? 0

$ tilsyn-classify --sector health --employees 10 --turnover 10000001 --balance 10000001 -o json
> {"class":"important","size":"medium","annex":[1],"basis":["§ 5"],"max_fine_eur":7000000,"reasoning":["sectors: health (annex 1)","headcount 10: small by headcount (< 50)","turnover EUR 10 000 001, balance sheet EUR 10 000 001: medium by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: medium (Recommendation 2003/361/EC; one criterion suffices)","important: annex 1 entity, not essential under § 4, at least medium-sized (§ 5)","maximum fine: EUR 7 000 000, the higher of EUR 7 000 000 and 1.4 % of turnover EUR 10 000 001 (§ 32 (directive art. 34(5)))"]}
? 0

$ tilsyn-classify --sector health --employees 10 --turnover 10000001 --balance 10000000 -o json
> {"class":"not-covered","size":"small","annex":[1],"basis":["§ 1, stk. 1"],"max_fine_eur":null,"reasoning":["sectors: health (annex 1)","headcount 10: small by headcount (< 50)","turnover EUR 10 000 001, balance sheet EUR 10 000 000: small by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: small (Recommendation 2003/361/EC; one criterion suffices)","not covered: a micro or small entity in an annex sector and not named in § 4 (§ 5 covers medium and large entities)"]}
? 0

# Unknown figures are unknown, not zero.
$ tilsyn-classify --sector energy --employees 30 -o json
> {"class":"undetermined","size":"unknown","annex":[1],"basis":[],"max_fine_eur":null,"reasoning":["sectors: energy (annex 1)","headcount 30: small by headcount (< 50)","turnover and balance sheet not given: treated as unknown, not as zero","size: unknown, between small and large on the figures given (Recommendation 2003/361/EC)","if small: not-covered","if medium: important","if large: essential","class undetermined: give headcount, turnover and balance sheet"]}
? 0

$ tilsyn-classify --sector research --employees 120 -o json
> {"class":"important","size":"unknown","annex":[2],"basis":["§ 5"],"max_fine_eur":null,"reasoning":["sectors: research (annex 2)","headcount 120: medium by headcount (>= 50 and < 250)","turnover and balance sheet not given: treated as unknown, not as zero","size: unknown, between medium and large on the figures given (Recommendation 2003/361/EC)","important: annex 2 entity, not essential under § 4, at least medium-sized (§ 5)","the class is the same for every size the figures allow","maximum fine: not computed, turnover not given"]}
? 0

$ tilsyn-classify --sector transport -o json
> {"class":"undetermined","size":"unknown","annex":[1],"basis":[],"max_fine_eur":null,"reasoning":["sectors: transport (annex 1)","headcount not given: treated as unknown, not as zero","turnover and balance sheet not given: treated as unknown, not as zero","size: unknown, between small and large on the figures given (Recommendation 2003/361/EC)","if small: not-covered","if medium: important","if large: essential","class undetermined: give headcount, turnover and balance sheet"]}
? 0

# § 4, stk. 3 and art. 3(1)(b): regardless of size.
$ tilsyn-classify --sector public-administration --state-body --employees 3 --turnover 0 --balance 0 -o json
> {"class":"essential","size":"small","annex":[1],"basis":["§ 4, stk. 3, nr. 2"],"max_fine_eur":10000000,"reasoning":["sectors: public-administration (annex 1)","headcount 3: small by headcount (< 50)","turnover EUR 0, balance sheet EUR 0: small by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: small (Recommendation 2003/361/EC; one criterion suffices)","essential regardless of size: state body (§ 4, stk. 3, nr. 2)","maximum fine: EUR 10 000 000, the higher of EUR 10 000 000 and 2 % of turnover EUR 0 (§ 32 (directive art. 34(4)))"]}
? 0

$ tilsyn-classify --sector drinking-water --critical-entity --employees 5 --turnover 1000000 --balance 1000000 -o json
> {"class":"essential","size":"small","annex":[1],"basis":["§ 4, stk. 3, nr. 3"],"max_fine_eur":10000000,"reasoning":["sectors: drinking-water (annex 1)","headcount 5: small by headcount (< 50)","turnover EUR 1 000 000, balance sheet EUR 1 000 000: small by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: small (Recommendation 2003/361/EC; one criterion suffices)","essential regardless of size: designated critical entity (§ 4, stk. 3, nr. 3)","maximum fine: EUR 10 000 000, the higher of EUR 10 000 000 and 2 % of turnover EUR 1 000 000 (§ 32 (directive art. 34(4)))"]}
? 0

$ tilsyn-classify --sector postal --sole-provider --employees 5 --turnover 0 --balance 0 -o json
> {"class":"essential","size":"small","annex":[2],"basis":["§ 4, stk. 3, nr. 5, litra a"],"max_fine_eur":10000000,"reasoning":["sectors: postal (annex 2)","headcount 5: small by headcount (< 50)","turnover EUR 0, balance sheet EUR 0: small by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: small (Recommendation 2003/361/EC; one criterion suffices)","essential regardless of size: sole provider in Denmark of a service essential for critical societal or economic activity (§ 4, stk. 3, nr. 5, litra a)","maximum fine: EUR 10 000 000, the higher of EUR 10 000 000 and 2 % of turnover EUR 0 (§ 32 (directive art. 34(4)))"]}
? 0

$ tilsyn-classify --sector chemicals --public-impact --employees 5 --turnover 0 --balance 0 -o json
> {"class":"essential","size":"small","annex":[2],"basis":["§ 4, stk. 3, nr. 5, litra b"],"max_fine_eur":10000000,"reasoning":["sectors: chemicals (annex 2)","headcount 5: small by headcount (< 50)","turnover EUR 0, balance sheet EUR 0: small by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: small (Recommendation 2003/361/EC; one criterion suffices)","essential regardless of size: disruption could significantly affect public safety or public health (§ 4, stk. 3, nr. 5, litra b)","maximum fine: EUR 10 000 000, the higher of EUR 10 000 000 and 2 % of turnover EUR 0 (§ 32 (directive art. 34(4)))"]}
? 0

$ tilsyn-classify --sector digital-infrastructure --qualified-trust-service --employees 2 -o json
> {"class":"essential","size":"unknown","annex":[1],"basis":["directive (EU) 2022/2555 art. 3(1)(b)"],"max_fine_eur":null,"reasoning":["sectors: digital-infrastructure (annex 1)","headcount 2: small by headcount (< 50)","turnover and balance sheet not given: treated as unknown, not as zero","size: unknown, between small and large on the figures given (Recommendation 2003/361/EC)","essential regardless of size: qualified trust service provider (directive (EU) 2022/2555 art. 3(1)(b))","the class is the same for every size the figures allow","maximum fine: not computed, turnover not given"]}
? 0

$ tilsyn-classify --sector digital-infrastructure --tld-registry -o json
> {"class":"essential","size":"unknown","annex":[1],"basis":["directive (EU) 2022/2555 art. 3(1)(b)"],"max_fine_eur":null,"reasoning":["sectors: digital-infrastructure (annex 1)","headcount not given: treated as unknown, not as zero","turnover and balance sheet not given: treated as unknown, not as zero","size: unknown, between small and large on the figures given (Recommendation 2003/361/EC)","essential regardless of size: TLD name registry (directive (EU) 2022/2555 art. 3(1)(b))","the class is the same for every size the figures allow","maximum fine: not computed, turnover not given"]}
? 0

$ tilsyn-classify --sector digital-infrastructure --dns-provider --employees 1 -o json
> {"class":"essential","size":"unknown","annex":[1],"basis":["directive (EU) 2022/2555 art. 3(1)(b)"],"max_fine_eur":null,"reasoning":["sectors: digital-infrastructure (annex 1)","headcount 1: small by headcount (< 50)","turnover and balance sheet not given: treated as unknown, not as zero","size: unknown, between small and large on the figures given (Recommendation 2003/361/EC)","essential regardless of size: DNS service provider (directive (EU) 2022/2555 art. 3(1)(b))","the class is the same for every size the figures allow","maximum fine: not computed, turnover not given"]}
? 0

# § 4, stk. 2: municipality or region with public e-communications, medium.
$ tilsyn-classify --sector digital-infrastructure --municipality --public-ecomm --employees 60 --turnover 0 --balance 0 -o json
> {"class":"essential","size":"medium","annex":[1],"basis":["§ 4, stk. 2"],"max_fine_eur":10000000,"reasoning":["sectors: digital-infrastructure (annex 1)","headcount 60: medium by headcount (>= 50 and < 250)","turnover EUR 0, balance sheet EUR 0: small by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: medium (Recommendation 2003/361/EC; one criterion suffices)","essential: municipality providing public electronic communications networks or services, at least medium-sized (§ 4, stk. 2)","maximum fine: EUR 10 000 000, the higher of EUR 10 000 000 and 2 % of turnover EUR 0 (§ 32 (directive art. 34(4)))"]}
? 0

$ tilsyn-classify --sector digital-infrastructure --region --public-ecomm --employees 20 --turnover 0 --balance 0 -o json
> {"class":"not-covered","size":"small","annex":[1],"basis":["§ 1, stk. 1"],"max_fine_eur":null,"reasoning":["sectors: digital-infrastructure (annex 1)","headcount 20: small by headcount (< 50)","turnover EUR 0, balance sheet EUR 0: small by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: small (Recommendation 2003/361/EC; one criterion suffices)","not covered: a micro or small entity in an annex sector and not named in § 4 (§ 5 covers medium and large entities)"]}
? 0

# Exclusions by the energy, telecom and financial laws, and the exception.
$ tilsyn-classify --sector banking --excluded-by finance --employees 5000 -o json
> {"class":"not-covered","size":"large","annex":[1],"basis":["§ 1"],"max_fine_eur":null,"reasoning":["sectors: banking (annex 1)","headcount 5000: large by headcount (>= 250)","turnover and balance sheet not given: treated as unknown, not as zero","size: large (Recommendation 2003/361/EC; one criterion suffices)","covered by the finance law, which the NIS 2 act does not apply to (§ 1)"]}
? 0

$ tilsyn-classify --sector digital-infrastructure --excluded-by telecom --municipality --public-ecomm --employees 300 -o json
> {"class":"essential","size":"large","annex":[1],"basis":["§ 4, stk. 1","§ 4, stk. 2"],"max_fine_eur":null,"reasoning":["sectors: digital-infrastructure (annex 1)","headcount 300: large by headcount (>= 250)","turnover and balance sheet not given: treated as unknown, not as zero","size: large (Recommendation 2003/361/EC; one criterion suffices)","excluded by the telecom law, except that a municipality providing public electronic communications that is at least medium-sized is covered (§ 1)","essential: annex 1 entity that is large (§ 4, stk. 1)","essential: municipality providing public electronic communications networks or services, at least medium-sized (§ 4, stk. 2)","maximum fine: not computed, turnover not given"]}
? 0

$ tilsyn-classify --sector energy --excluded-by energy --employees 20 --turnover 0 --balance 0 -o json
> {"class":"not-covered","size":"small","annex":[1],"basis":["§ 1"],"max_fine_eur":null,"reasoning":["sectors: energy (annex 1)","headcount 20: small by headcount (< 50)","turnover EUR 0, balance sheet EUR 0: small by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: small (Recommendation 2003/361/EC; one criterion suffices)","covered by the energy law, which the NIS 2 act does not apply to (§ 1)"]}
? 0

# § 5: designated important regardless of size.
$ tilsyn-classify --sector waste-management --designated-important --employees 4 --turnover 0 --balance 0 -o json
> {"class":"important","size":"small","annex":[2],"basis":["§ 5"],"max_fine_eur":7000000,"reasoning":["sectors: waste-management (annex 2)","headcount 4: small by headcount (< 50)","turnover EUR 0, balance sheet EUR 0: small by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: small (Recommendation 2003/361/EC; one criterion suffices)","important: designated by decision of the competent authority, regardless of size (§ 5)","maximum fine: EUR 7 000 000, the higher of EUR 7 000 000 and 1.4 % of turnover EUR 0 (§ 32 (directive art. 34(5)))"]}
? 0

# Several sectors: essential wins; Danish names accepted.
$ tilsyn-classify --sector energi --sector fødevarer --employees 300 --turnover 2000000000 --balance 900000000 -o json
> {"class":"essential","size":"large","annex":[1,2],"basis":["§ 4, stk. 1","§ 4"],"max_fine_eur":40000000,"reasoning":["sectors: energy (annex 1), food (annex 2)","headcount 300: large by headcount (>= 250)","turnover EUR 2 000 000 000, balance sheet EUR 900 000 000: large by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: large (Recommendation 2003/361/EC; one criterion suffices)","essential: annex 1 entity that is large (§ 4, stk. 1)","its annex 2 activity alone would make it important (§ 5); an entity that is both is essential (§ 4)","maximum fine: EUR 40 000 000, the higher of EUR 10 000 000 and 2 % of turnover EUR 2 000 000 000 (§ 32 (directive art. 34(4)))"]}
? 0

$ tilsyn-classify --sector forskning --sector Sundhed --employees 60 --turnover 0 --balance 0 -o json
> {"class":"important","size":"medium","annex":[1,2],"basis":["§ 5"],"max_fine_eur":7000000,"reasoning":["sectors: health (annex 1), research (annex 2)","headcount 60: medium by headcount (>= 50 and < 250)","turnover EUR 0, balance sheet EUR 0: small by the financial criterion (large: turnover > EUR 50 000 000 and balance > EUR 43 000 000; medium: both > EUR 10 000 000)","size: medium (Recommendation 2003/361/EC; one criterion suffices)","important: annex 1 entity, not essential under § 4, at least medium-sized (§ 5)","maximum fine: EUR 7 000 000, the higher of EUR 7 000 000 and 1.4 % of turnover EUR 0 (§ 32 (directive art. 34(5)))"]}
? 0

# Fines: 2 % and 1.4 % of turnover, or the floor, in whole euros rounded down.
$ tilsyn-classify --sector energy --employees 300 --turnover 600000050 -o json
> {"class":"essential","size":"large","annex":[1],"basis":["§ 4, stk. 1"],"max_fine_eur":12000001,"reasoning":["sectors: energy (annex 1)","headcount 300: large by headcount (>= 250)","balance sheet not given: treated as unknown, not as zero; the financial criterion needs both figures","size: large (Recommendation 2003/361/EC; one criterion suffices)","essential: annex 1 entity that is large (§ 4, stk. 1)","maximum fine: EUR 12 000 001, the higher of EUR 10 000 000 and 2 % of turnover EUR 600 000 050 (§ 32 (directive art. 34(4)))"]}
? 0

$ tilsyn-classify --sector energy --employees 300 --turnover 100 -o json
> {"class":"essential","size":"large","annex":[1],"basis":["§ 4, stk. 1"],"max_fine_eur":10000000,"reasoning":["sectors: energy (annex 1)","headcount 300: large by headcount (>= 250)","balance sheet not given: treated as unknown, not as zero; the financial criterion needs both figures","size: large (Recommendation 2003/361/EC; one criterion suffices)","essential: annex 1 entity that is large (§ 4, stk. 1)","maximum fine: EUR 10 000 000, the higher of EUR 10 000 000 and 2 % of turnover EUR 100 (§ 32 (directive art. 34(4)))"]}
? 0

$ tilsyn-classify --sector manufacturing --employees 300 --turnover 1000000999 -o json
> {"class":"important","size":"large","annex":[2],"basis":["§ 5"],"max_fine_eur":14000013,"reasoning":["sectors: manufacturing (annex 2)","headcount 300: large by headcount (>= 250)","balance sheet not given: treated as unknown, not as zero; the financial criterion needs both figures","size: large (Recommendation 2003/361/EC; one criterion suffices)","important: annex 2 entity, not essential under § 4, at least medium-sized (§ 5)","maximum fine: EUR 14 000 013, the higher of EUR 7 000 000 and 1.4 % of turnover EUR 1 000 000 999 (§ 32 (directive art. 34(5)))"]}
? 0

$ tilsyn-classify --sector manufacturing --employees 300 --turnover 400000000 -o json
> {"class":"important","size":"large","annex":[2],"basis":["§ 5"],"max_fine_eur":7000000,"reasoning":["sectors: manufacturing (annex 2)","headcount 300: large by headcount (>= 250)","balance sheet not given: treated as unknown, not as zero; the financial criterion needs both figures","size: large (Recommendation 2003/361/EC; one criterion suffices)","important: annex 2 entity, not essential under § 4, at least medium-sized (§ 5)","maximum fine: EUR 7 000 000, the higher of EUR 7 000 000 and 1.4 % of turnover EUR 400 000 000 (§ 32 (directive art. 34(5)))"]}
? 0

# Bad input: exit 2, the flag named.
$ tilsyn-classify --employees 10
! tilsyn-classify: --sector is required (one of: energy, transport, banking, financial-market-infrastructure, health, drinking-water, waste-water, digital-infrastructure, ict-service-management, public-administration, space, postal, waste-management, chemicals, food, manufacturing, digital-providers, research)
? 2

$ tilsyn-classify --sector shipping
! tilsyn-classify: --sector 'shipping': unknown sector (one of: energy, transport, banking, financial-market-infrastructure, health, drinking-water, waste-water, digital-infrastructure, ict-service-management, public-administration, space, postal, waste-management, chemicals, food, manufacturing, digital-providers, research)
? 2

$ tilsyn-classify --sector energy --employees -5
! tilsyn-classify: --employees '-5': must not be negative
? 2

$ tilsyn-classify --sector energy --turnover 12abc
! tilsyn-classify: --turnover '12abc': not a whole number
? 2

$ tilsyn-classify --sector energy --balance 99999999999999999999
! tilsyn-classify: --balance '99999999999999999999': too large
? 2

$ tilsyn-classify --sector energy --municipality --region
! tilsyn-classify: --municipality and --region exclude each other
? 2

$ tilsyn-classify --sector energy --tld-registry --dns-provider
! tilsyn-classify: --qualified-trust-service, --tld-registry and --dns-provider exclude each other
? 2

$ tilsyn-classify --sector energy --public-ecomm
! tilsyn-classify: --public-ecomm needs --municipality or --region
? 2

$ tilsyn-classify --sector energy --excluded-by aviation
! tilsyn-classify: --excluded-by 'aviation': must be energy, telecom or finance
? 2

$ tilsyn-classify --sector energy -o xml
! tilsyn-classify: -o 'xml': must be text or json
? 2

$ tilsyn-classify --sector energy extra
! tilsyn-classify: unexpected argument 'extra'
? 2

$ tilsyn-classify --sector energy --bogus
! tilsyn-classify: unrecognized option '--bogus'
! usage: tilsyn-classify --sector SECTOR [--sector SECTOR ...]
!            [--subsector NAME] [--employees N] [--turnover EUR]
!            [--balance EUR] [--state-body] [--critical-entity]
!            [--sole-provider] [--public-impact]
!            [--qualified-trust-service | --tld-registry | --dns-provider]
!            [--municipality | --region] [--public-ecomm]
!            [--excluded-by energy|telecom|finance]
!            [--designated-important] [-o text|json]
!        tilsyn-classify --help | --version
? 2

$ tilsyn-classify --version
> tilsyn-classify 0.1.0
? 0

