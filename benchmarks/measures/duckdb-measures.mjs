// The peer for Lodestar's measure engine: DuckDB evaluating the shipped catalog with hand-written SQL over
// the same tables (exported by MeasureBench), the same yearly periods and the same stratifiers, then
// checking that every population and stratum count equals Lodestar's.
// Usage: node duckdb-measures.mjs CSV_DIR FIRST_YEAR LAST_YEAR LODESTAR_COUNTS.csv DUCKDB_COUNTS.csv
// Loading the CSV files is not timed; evaluation (strata and every measure × period) is.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, firstText, lastText, lodestarCounts, duckdbCounts] = process.argv.slice(2);
const first = Number(firstText), last = Number(lastText);
// memory_limit keeps DuckDB within the machine's share (at a million patients its tables are a few GB);
// beyond it DuckDB spills to temp_directory rather than failing.
const db = await DuckDBInstance.create(':memory:', {
  threads: process.env.DUCKDB_THREADS ?? '2',
  memory_limit: process.env.DUCKDB_MEMORY ?? '5GB',
  temp_directory: process.env.DUCKDB_TEMP ?? join(dir, 'duckdb-spill'),
});
const c = await db.connect();
const csv = (t) => `read_csv('${join(dir, t + '.csv')}', header = true, all_varchar = true)`;
// Code lists are space-separated integer ids (MeasureBench export), the same ids valueset.csv uses.
const list = (col) => `coalesce(CAST(string_split(${col}, ' ') AS INTEGER[]), [])`;
const strings = (col) => `coalesce(string_split(${col}, ' '), [])`;

// ---- load (not timed): typed tables; the export already resolved patient references to row numbers ----
const loadStarted = performance.now();
await c.run(`CREATE TABLE patient AS SELECT CAST(pid AS INTEGER) AS pid,
  CAST(birth_date AS DATE) AS birth_date, gender, CAST(deceased AS BOOLEAN) AS deceased,
  CAST(deceased_date_time AS DATE) AS deceased_date, ${strings('race_omb')} AS race, ethnicity_omb AS ethnicity, county_fips
  FROM ${csv('patient')}`);
const events = {
  encounter: `class_code, ${list('type_codes')} AS codes, CAST(period_start AS DATE) AS start_d, CAST(period_end AS DATE) AS end_d`,
  condition: `${list('codes')} AS codes, CAST(onset_date_time AS DATE) AS onset, CAST(abatement_date_time AS DATE) AS abatement, verification_status`,
  observation: `${list('codes')} AS codes, CAST(effective AS DATE) AS effective, CAST(value_quantity AS DOUBLE) AS value,
                value_unit AS unit, CAST(systolic AS DOUBLE) AS systolic, CAST(diastolic AS DOUBLE) AS diastolic`,
  procedure: `${list('codes')} AS codes, CAST(performed_start AS DATE) AS day, status`,
  immunization: `${list('vaccine_codes')} AS codes, CAST(occurrence AS DATE) AS day, status`,
  medication_request: `${list('medication_codes')} AS codes, CAST(authored_on AS DATE) AS day, status`,
  coverage: `payer_type, CAST(period_start AS DATE) AS period_start, CAST(period_end AS DATE) AS period_end`,
};
for (const [table, columns] of Object.entries(events)) {
  await c.run(`CREATE TABLE ${table} AS SELECT (row_number() OVER ())::INTEGER AS rid, CAST(pid AS INTEGER) AS pid, ${columns}
               FROM ${csv(table)}`);
  if (columns.includes(' AS codes')) {
    // One row per (row, code): value-set membership is then a hash semi-join against a few hundred codes,
    // which DuckDB runs far faster than list_has_any against a long list (measured: ~100x on this data).
    await c.run(`CREATE TABLE ${table}_code AS SELECT rid, unnest(codes) AS code FROM ${table}`);
  }
}
await c.run(`CREATE TABLE valueset AS SELECT id, CAST(code AS INTEGER) AS code FROM ${csv('valueset')}`);
const loadSeconds = (performance.now() - loadStarted) / 1000;

// ---- the criteria vocabulary as SQL macros ---------------------------------------------------------
const macros = [
  // Completed years on a date: the birthday has to have passed.
  `CREATE MACRO age_on(b, on_day) AS year(on_day) - year(b) - CASE WHEN month(on_day) < month(b) OR (month(on_day) = month(b) AND day(on_day) < day(b)) THEN 1 ELSE 0 END`,
  `CREATE MACRO age(on_day, lo, hi) AS TABLE SELECT pid FROM patient WHERE birth_date IS NOT NULL AND age_on(birth_date, on_day) BETWEEN lo AND hi`,
  `CREATE MACRO female() AS TABLE SELECT pid FROM patient WHERE lower(gender) = 'female'`,
  `CREATE MACRO deceased(on_day) AS TABLE SELECT pid FROM patient WHERE CASE WHEN deceased_date IS NULL THEN coalesce(deceased, false) ELSE deceased_date <= on_day END`,
  // Prevalence [onset, abatement] overlaps [f, t]; unknown onset = long ago, unknown abatement = still active.
  `CREATE MACRO cond(v, f, t) AS TABLE SELECT DISTINCT pid FROM condition WHERE rid IN (SELECT rid FROM condition_code JOIN valueset USING (code) WHERE valueset.id = v)
     AND (verification_status IS NULL OR verification_status NOT IN ('refuted', 'entered-in-error'))
     AND coalesce(onset, DATE '0001-01-01') <= t AND coalesce(abatement, DATE '9999-12-31') >= f`,
  `CREATE MACRO enc(v, f, t, min_count) AS TABLE SELECT pid FROM (SELECT pid, count(*) AS k FROM encounter
     WHERE start_d BETWEEN f AND t AND rid IN (SELECT rid FROM encounter_code JOIN valueset USING (code) WHERE valueset.id = v) GROUP BY pid) WHERE k >= min_count`,
  // Encounters of the given classes per patient (the events of ratio and rate measures).
  `CREATE MACRO enc_class(classes, f, t) AS TABLE SELECT pid, count(*) AS n FROM encounter WHERE start_d BETWEEN f AND t AND list_contains(classes, upper(class_code)) GROUP BY pid`,
  `CREATE MACRO obs(v, f, t) AS TABLE SELECT DISTINCT pid FROM observation WHERE effective BETWEEN f AND t AND rid IN (SELECT rid FROM observation_code JOIN valueset USING (code) WHERE valueset.id = v)`,
  `CREATE MACRO unit_of(u) AS CASE WHEN u IS NULL OR trim(u) = '' THEN NULL WHEN trim(u) IN ('mmHg', 'mm Hg', 'mm[Hg]') THEN 'mm[Hg]'
     WHEN trim(u) IN ('kg/m2', 'kg/m^2', 'kg/m²') THEN 'kg/m2' WHEN trim(u) IN ('percent', '%') THEN '%' ELSE trim(u) END`,
  // HbA1c in %: IFCC mmol/mol by the NGSP master equation; no unit = already %; other units = no value.
  `CREATE MACRO percent(value, u) AS CASE WHEN value IS NULL THEN NULL WHEN unit_of(u) IS NULL OR unit_of(u) = '%' THEN value
     WHEN unit_of(u) = 'mmol/mol' THEN 0.09148 * value + 2.152 ELSE NULL END`,
  // The most recent day's readings in the window, lowest of each kind on that day (CMS165, CMS122).
  `CREATE MACRO obs_latest(v, f, t) AS TABLE
     WITH o AS (SELECT pid, effective, percent(value, unit) AS pct, systolic, diastolic FROM observation
                WHERE effective BETWEEN f AND t AND rid IN (SELECT rid FROM observation_code JOIN valueset USING (code) WHERE valueset.id = v)),
          latest AS (SELECT pid, max(effective) AS effective FROM o GROUP BY pid)
     SELECT pid, min(pct) AS pct, min(systolic) AS systolic, min(diastolic) AS diastolic FROM o JOIN latest USING (pid, effective) GROUP BY pid`,
  `CREATE MACRO live(status) AS status IS NULL OR status NOT IN ('entered-in-error', 'not-done', 'cancelled', 'revoked', 'stopped')`,
  // (pid, day) rows for event-relative windows: delivery procedures and prenatal visits.
  `CREATE MACRO proc_days(v, f, t) AS TABLE SELECT pid, day FROM procedure WHERE day BETWEEN f AND t
     AND rid IN (SELECT rid FROM procedure_code JOIN valueset USING (code) WHERE valueset.id = v) AND live(status)`,
  `CREATE MACRO enc_days(v, f, t) AS TABLE SELECT pid, start_d AS day FROM encounter WHERE start_d BETWEEN f AND t
     AND rid IN (SELECT rid FROM encounter_code JOIN valueset USING (code) WHERE valueset.id = v)`,
  `CREATE MACRO proc(v, f, t) AS TABLE SELECT DISTINCT pid FROM procedure WHERE day BETWEEN f AND t AND rid IN (SELECT rid FROM procedure_code JOIN valueset USING (code) WHERE valueset.id = v) AND live(status)`,
  `CREATE MACRO med(v, f, t) AS TABLE SELECT DISTINCT pid FROM medication_request WHERE day BETWEEN f AND t AND rid IN (SELECT rid FROM medication_request_code JOIN valueset USING (code) WHERE valueset.id = v) AND live(status)`,
  `CREATE MACRO imm(v, f, t, min_count) AS TABLE SELECT pid FROM (SELECT pid, count(DISTINCT day) AS k FROM immunization
     WHERE day BETWEEN f AND t AND rid IN (SELECT rid FROM immunization_code JOIN valueset USING (code) WHERE valueset.id = v) AND live(status) GROUP BY pid) WHERE k >= min_count`,
  // PHDSC Source of Payment Typology by first digit, as the coverage view and PayerTypes classify it.
  `CREATE MACRO payer_class(p) AS CASE WHEN p IS NULL OR p = '' THEN NULL
     WHEN p IN ('medicare', 'medicaid', 'private', 'other_public', 'self_pay_uninsured', 'other') THEN p
     WHEN p IN ('uninsured', 'self-pay') THEN 'self_pay_uninsured' WHEN p = 'other-public' THEN 'other_public'
     WHEN left(p, 1) = '1' THEN 'medicare' WHEN left(p, 1) = '2' THEN 'medicaid' WHEN left(p, 1) IN ('3', '4') THEN 'other_public'
     WHEN left(p, 1) IN ('5', '6') THEN 'private' WHEN left(p, 1) = '8' THEN 'self_pay_uninsured' WHEN left(p, 1) IN ('7', '9') THEN 'other' ELSE NULL END`,
  `CREATE MACRO covered(classes, on_day) AS TABLE SELECT DISTINCT pid FROM coverage WHERE list_contains(classes, payer_class(payer_type))
     AND (period_start IS NULL OR period_start <= on_day) AND (period_end IS NULL OR period_end >= on_day)`,
  // Index inpatient discharges in [f, t] followed by another inpatient admission 1..w days later, per patient.
  `CREATE MACRO readmissions(f, t, w) AS TABLE
     WITH stays AS (SELECT pid, start_d AS admit, coalesce(end_d, start_d) AS discharge FROM encounter
                    WHERE class_code IN ('IMP', 'ACUTE', 'NONAC') AND start_d IS NOT NULL)
     SELECT i.pid, count(*) AS n FROM stays i WHERE i.discharge BETWEEN f AND t
       AND EXISTS (SELECT 1 FROM stays j WHERE j.pid = i.pid AND date_diff('day', i.discharge, j.admit) BETWEEN 1 AND w)
     GROUP BY i.pid`,
];
for (const m of macros) await c.run(m);

// ---- dates relative to the period, as the measure files write them ---------------------------------
const iso = (d) => `DATE '${d.toISOString().slice(0, 10)}'`;
const start = (year, { y = 0, mo = 0, d = 0 } = {}) => iso(new Date(Date.UTC(year + y, mo, 1 + d)));
const end = (year) => iso(new Date(Date.UTC(year, 11, 31)));

// Set algebra over patient sets written as "SELECT pid ..." queries.
const all = (...xs) => xs.map((x) => `SELECT pid FROM (${x})`).join(' INTERSECT ');
const any = (...xs) => xs.map((x) => `SELECT pid FROM (${x})`).join(' UNION ');
const not = (x) => `SELECT pid FROM patient EXCEPT SELECT pid FROM (${x})`;
const from = (macro) => `SELECT pid FROM ${macro}`;
const OPEN = 100000;
const OFFICE = `'office-visit'`;

// ---- the catalog, one measure at a time, each population as its measure file states it -------------
// ip/den/excl/num/exc: patient sets; denEvents/numEvents: (pid, n) event counts for ratio and rate measures.
const catalog = {
  'acs-admissions-per-1000': (Y, S, E) => ({
    ip: all(from(`age(${S}, 18, ${OPEN})`), from(`enc_class(['AMB', 'VR', 'EMER', 'IMP'], ${S}, ${E})`)),
    num: all(from(`cond('ambulatory-care-sensitive-condition', ${S}, ${E})`), from(`enc_class(['IMP', 'ACUTE', 'NONAC'], ${S}, ${E})`)),
    numEvents: `SELECT pid, n FROM enc_class(['IMP', 'ACUTE', 'NONAC'], ${S}, ${E})`,
  }),
  'bmi-screening': (Y, S, E) => ({
    ip: all(from(`age(${S}, 18, ${OPEN})`), from(`enc(${OFFICE}, ${S}, ${E}, 1)`)),
    excl: any(from(`cond('pregnancy-condition', ${S}, ${E})`), from(`deceased(${E})`)),
    num: from(`obs('bmi', ${start(Y, { y: -1 })}, ${E})`),
  }),
  'cms117-childhood-immunization-status': (Y, S, E) => {
    const W = `${start(Y, { y: -2 })}, ${E}`;
    return {
      ip: all(from(`age(${E}, 2, 2)`), from(`age(${start(Y, { d: -1 })}, -${OPEN}, 1)`), from(`enc(${OFFICE}, ${S}, ${E}, 1)`)),
      excl: from(`deceased(${E})`),
      num: all(
        from(`imm('dtap-vaccine', ${W}, 4)`), from(`imm('ipv-vaccine', ${W}, 3)`), from(`imm('mmr-vaccine', ${W}, 1)`),
        from(`imm('hib-vaccine', ${W}, 3)`), from(`imm('hepatitis-b-vaccine', ${W}, 3)`), from(`imm('varicella-vaccine', ${W}, 1)`),
        from(`imm('pneumococcal-conjugate-vaccine', ${W}, 4)`), from(`imm('hepatitis-a-vaccine', ${W}, 1)`),
        any(from(`imm('rotavirus-vaccine-2-dose', ${W}, 2)`), from(`imm('rotavirus-vaccine-3-dose', ${W}, 3)`)),
        from(`imm('child-influenza-vaccine', ${W}, 2)`)),
    };
  },
  'cms122-diabetes-hba1c-poor-control': (Y, S, E) => ({
    ip: all(from(`age(${E}, 18, 75)`), from(`cond('diabetes', ${S}, ${E})`), from(`enc(${OFFICE}, ${S}, ${E}, 1)`)),
    excl: from(`deceased(${E})`),
    num: any(not(from(`obs('hba1c-laboratory-test', ${S}, ${E})`)),
      `SELECT pid FROM obs_latest('hba1c-laboratory-test', ${S}, ${E}) WHERE pct IS NULL OR pct > 9`),
  }),
  'cms124-cervical-cancer-screening': (Y, S, E) => ({
    ip: all(from(`age(${E}, 24, 64)`), from('female()'), from(`enc(${OFFICE}, ${S}, ${E}, 1)`)),
    excl: any(from(`proc('hysterectomy-no-residual-cervix', ${start(Y, { y: -100 })}, ${E})`),
      from(`cond('absence-of-cervix', ${start(Y, { y: -100 })}, ${E})`), from(`deceased(${E})`)),
    num: any(from(`proc('pap-test', ${start(Y, { y: -2 })}, ${E})`), from(`obs('pap-test', ${start(Y, { y: -2 })}, ${E})`),
      all(from(`age(${E}, 30, ${OPEN})`), from(`obs('hpv-test', ${start(Y, { y: -4 })}, ${E})`))),
  }),
  'cms125-breast-cancer-screening': (Y, S, E) => ({
    ip: all(from(`age(${E}, 52, 74)`), from('female()'), from(`enc(${OFFICE}, ${S}, ${E}, 1)`)),
    excl: any(from(`cond('bilateral-mastectomy', ${start(Y, { y: -100 })}, ${E})`), from(`deceased(${E})`)),
    num: from(`proc('mammography', ${start(Y, { mo: -27 })}, ${E})`),
  }),
  'cms130-colorectal-cancer-screening': (Y, S, E) => ({
    ip: all(from(`age(${E}, 46, 75)`), from(`enc(${OFFICE}, ${S}, ${E}, 1)`)),
    excl: any(from(`cond('colorectal-cancer', ${start(Y, { y: -100 })}, ${E})`), from(`deceased(${E})`)),
    num: from(`proc('colonoscopy', ${start(Y, { y: -9 })}, ${E})`),
  }),
  'cms147-adult-influenza-immunization': (Y, S, E) => {
    const seasonEnd = start(Y, { mo: 3, d: -1 });
    return {
      ip: all(from(`age(${S}, 18, ${OPEN})`), from(`enc(${OFFICE}, ${start(Y, { mo: -3 })}, ${seasonEnd}, 1)`)),
      excl: from(`deceased(${seasonEnd})`),
      num: any(from(`imm('influenza-vaccine', ${start(Y, { mo: -5 })}, ${seasonEnd}, 1)`),
        from(`proc('influenza-vaccine-administered-procedure', ${start(Y, { mo: -5 })}, ${seasonEnd})`)),
    };
  },
  'cms165-controlling-high-blood-pressure': (Y, S, E) => ({
    ip: all(from(`age(${E}, 18, 85)`), from(`cond('essential-hypertension', ${S}, ${start(Y, { mo: 6, d: -1 })})`), from(`enc(${OFFICE}, ${S}, ${E}, 1)`)),
    excl: any(from(`cond('end-stage-renal-disease', ${start(Y, { y: -100 })}, ${E})`), from(`deceased(${E})`)),
    num: `SELECT pid FROM obs_latest('blood-pressure', ${S}, ${E}) WHERE systolic < 140 AND diastolic < 90`,
  }),
  'cms2-depression-screening': (Y, S, E) => ({
    ip: all(from(`age(${S}, 12, ${OPEN})`), from(`enc('depression-screening-encounter', ${S}, ${E}, 1)`)),
    excl: any(from(`cond('bipolar-disorder', ${start(Y, { y: -100 })}, ${start(Y, { d: -1 })})`),
      from(`cond('major-depression', ${start(Y, { y: -100 })}, ${start(Y, { d: -1 })})`)),
    num: from(`obs('depression-screening', ${S}, ${E})`),
  }),
  'cms347-statin-therapy': (Y, S, E) => ({
    ip: all(from(`age(${S}, 21, ${OPEN})`), from(`enc(${OFFICE}, ${S}, ${E}, 1)`),
      any(from(`cond('ascvd', ${start(Y, { y: -100 })}, ${E})`), all(from(`age(${S}, 40, 75)`), from(`cond('diabetes', ${S}, ${E})`)))),
    excl: any(from(`cond('end-stage-renal-disease', ${S}, ${E})`), from(`deceased(${E})`)),
    num: from(`med('statin', ${S}, ${E})`),
  }),
  'ed-visits-per-1000': (Y, S, E) => ({
    ip: from(`enc_class(['AMB', 'VR', 'EMER', 'IMP'], ${S}, ${E})`),
    num: from(`enc_class(['EMER'], ${S}, ${E})`),
    numEvents: `SELECT pid, n FROM enc_class(['EMER'], ${S}, ${E})`,
  }),
  'hba1c-testing': (Y, S, E) => ({
    ip: all(from(`age(${E}, 18, 75)`), from(`cond('diabetes', ${S}, ${E})`), from(`enc(${OFFICE}, ${S}, ${E}, 1)`)),
    excl: from(`deceased(${E})`),
    num: from(`obs('hba1c-laboratory-test', ${S}, ${E})`),
  }),
  // Continuous: every inpatient stay admitted in the period of the measure population less its exclusions
  // is one observation, discharge day − admission day; open or reversed stays have none. The score is the median.
  'inpatient-length-of-stay': (Y, S, E) => ({
    continuous: true,
    ip: all(from(`age(${S}, 18, ${OPEN})`), from(`enc_class(['IMP', 'ACUTE', 'NONAC'], ${S}, ${E})`)),
    mpex: from(`deceased(${E})`),
    obs: `SELECT pid, date_diff('day', start_d, end_d) AS v FROM encounter
            WHERE class_code IN ('IMP', 'ACUTE', 'NONAC') AND start_d BETWEEN ${S} AND ${E} AND end_d IS NOT NULL AND end_d >= start_d`,
    aggregate: 'median',
  }),
  'prenatal-care-first-trimester': (Y, S, E) => ({
    ip: all(from('female()'), from(`proc('delivery', ${S}, ${E})`)),
    // A prenatal visit 280..183 days before a delivery in the period (the first trimester).
    num: `SELECT DISTINCT d.pid FROM proc_days('delivery', ${S}, ${E}) d JOIN enc_days('prenatal-visit', ${start(Y, { y: -1 })}, ${E}) v
            ON v.pid = d.pid AND date_diff('day', d.day, v.day) BETWEEN -280 AND -183`,
  }),
  'readmission-30-day': (Y, S, E) => ({
    ip: all(from(`age(${S}, 18, ${OPEN})`), from(`enc_class(['IMP', 'ACUTE', 'NONAC'], ${S}, ${E})`)),
    den: from(`enc_class(['IMP', 'ACUTE', 'NONAC'], ${S}, ${E})`),
    denEvents: `SELECT pid, n FROM enc_class(['IMP', 'ACUTE', 'NONAC'], ${S}, ${E})`,
    num: from(`readmissions(${S}, ${E}, 30)`),
    numEvents: `SELECT pid, n FROM readmissions(${S}, ${E}, 30)`,
  }),
  'telehealth-share-of-visits': (Y, S, E) => ({
    ip: from(`enc_class(['AMB', 'VR'], ${S}, ${E})`),
    den: from(`enc_class(['AMB', 'VR'], ${S}, ${E})`),
    denEvents: `SELECT pid, n FROM enc_class(['AMB', 'VR'], ${S}, ${E})`,
    num: from(`enc_class(['VR'], ${S}, ${E})`),
    numEvents: `SELECT pid, n FROM enc_class(['VR'], ${S}, ${E})`,
  }),
  'uninsured-share': (Y, S, E) => ({
    stratifiers: ['race', 'ethnicity', 'sex', 'age', 'county'], // its definition leaves out payer
    ip: from(`enc_class(['AMB', 'VR', 'EMER', 'IMP'], ${S}, ${E})`),
    num: any(from(`covered(['self_pay_uninsured'], ${E})`),
      not(from(`covered(['medicare', 'medicaid', 'private', 'other_public', 'other'], ${E})`))),
  }),
};

// Strata per period, as Lodestar's built-in stratifiers define them (age and payer at the period's end).
const RACES = `['1002-5', '2028-9', '2054-5', '2076-8', '2106-3', '2118-8', '2131-1']`;
const STRATIFIERS = ['race', 'ethnicity', 'sex', 'age', 'payer', 'county'];
const strataSql = (E) => `
  WITH payer AS (
    SELECT pid, min(list_position(['medicare', 'medicaid', 'private', 'other_public', 'other', 'self_pay_uninsured'], payer_class(payer_type))) AS rank
    FROM coverage WHERE payer_class(payer_type) IS NOT NULL
      AND (period_start IS NULL OR period_start <= ${E}) AND (period_end IS NULL OR period_end >= ${E})
    GROUP BY pid)
  SELECT p.pid,
    CASE len(r) WHEN 0 THEN 'unknown' WHEN 1 THEN r[1] ELSE 'multiracial' END AS race,
    CASE WHEN ethnicity IN ('2135-2', '2186-5') THEN ethnicity ELSE 'unknown' END AS ethnicity,
    CASE WHEN gender IN ('female', 'male', 'other') THEN gender ELSE 'unknown' END AS sex,
    CASE WHEN a IS NULL OR a < 0 THEN 'unknown' WHEN a <= 17 THEN '0-17' WHEN a <= 44 THEN '18-44' WHEN a <= 64 THEN '45-64'
         WHEN a <= 74 THEN '65-74' ELSE '75+' END AS age,
    coalesce(['medicare', 'medicaid', 'private', 'other_public', 'other', 'self_pay_uninsured'][payer.rank], 'unknown') AS payer,
    coalesce(county_fips, 'unresolved') AS county
  FROM (SELECT pid, gender, ethnicity, county_fips, list_distinct(list_filter(race, x -> list_contains(${RACES}, x))) AS r,
               age_on(birth_date, ${E}) AS a FROM patient) p
  LEFT JOIN payer USING (pid)`;

const EMPTY = 'SELECT pid FROM patient WHERE false';
const NO_EVENTS = 'SELECT pid, 0::BIGINT AS n FROM patient WHERE false';
// eCQM population semantics: den ⊆ ip, exclusion ⊆ den, numerator ⊆ den − exclusion, exception ⊆ den − exclusion − numerator.
const measureSql = (p, strata) => `
  WITH ip AS (${p.ip}),
       den AS (SELECT pid FROM (${p.den ?? 'SELECT pid FROM ip'}) INTERSECT SELECT pid FROM ip),
       excl AS (SELECT pid FROM (${p.excl ?? EMPTY}) INTERSECT SELECT pid FROM den),
       num AS ((SELECT pid FROM (${p.num}) INTERSECT SELECT pid FROM den) EXCEPT SELECT pid FROM excl),
       exc AS (((SELECT pid FROM (${p.exc ?? EMPTY}) INTERSECT SELECT pid FROM den) EXCEPT SELECT pid FROM excl) EXCEPT SELECT pid FROM num),
       de AS (${p.denEvents ?? NO_EVENTS}), ne AS (${p.numEvents ?? NO_EVENTS}),
       flags AS (
         SELECT ip.pid, den.pid IS NOT NULL AS d, excl.pid IS NOT NULL AS x, num.pid IS NOT NULL AS nu, exc.pid IS NOT NULL AS e,
                CASE WHEN den.pid IS NOT NULL THEN coalesce(de.n, 0) ELSE 0 END AS dn,
                CASE WHEN num.pid IS NOT NULL THEN coalesce(ne.n, 0) ELSE 0 END AS nn
         FROM ip LEFT JOIN den USING (pid) LEFT JOIN excl USING (pid) LEFT JOIN num USING (pid) LEFT JOIN exc USING (pid)
                 LEFT JOIN de USING (pid) LEFT JOIN ne USING (pid))
  SELECT GROUPING(${STRATIFIERS.join(', ')}) AS g, ${STRATIFIERS.join(', ')},
         count(*) AS ip, count(*) FILTER (d) AS den, count(*) FILTER (x) AS excl, count(*) FILTER (nu) AS num, count(*) FILTER (e) AS exc,
         sum(dn) AS den_events, sum(nn) AS num_events
  FROM flags JOIN ${strata} USING (pid)
  GROUP BY GROUPING SETS ((), ${STRATIFIERS.map((s) => `(${s})`).join(', ')})`;

// Continuous-variable populations (measure population ⊆ ip, exclusions ⊆ it), then the observations of the
// members neither excluded, counted and aggregated per stratum: two grouped queries, merged by stratum below.
const GROUPS = `GROUP BY GROUPING SETS ((), ${STRATIFIERS.map((s) => `(${s})`).join(', ')})`;
const continuousSql = (p, strata) => `
  WITH ip AS (${p.ip}),
       mp AS (SELECT pid FROM (${p.mp ?? 'SELECT pid FROM ip'}) INTERSECT SELECT pid FROM ip),
       mpex AS (SELECT pid FROM (${p.mpex ?? EMPTY}) INTERSECT SELECT pid FROM mp),
       flags AS (SELECT ip.pid, mp.pid IS NOT NULL AS m, mpex.pid IS NOT NULL AS x FROM ip LEFT JOIN mp USING (pid) LEFT JOIN mpex USING (pid))
  SELECT 'p' AS kind, GROUPING(${STRATIFIERS.join(', ')}) AS g, ${STRATIFIERS.join(', ')},
         count(*) AS ip, count(*) FILTER (m) AS mp, count(*) FILTER (x) AS mpex, NULL::BIGINT AS n, NULL::DOUBLE AS score
  FROM flags JOIN ${strata} USING (pid) ${GROUPS}
  UNION ALL
  SELECT 'o', GROUPING(${STRATIFIERS.join(', ')}), ${STRATIFIERS.join(', ')}, NULL, NULL, NULL, count(*), ${p.aggregate}(v)::DOUBLE
  FROM (${p.obs}) o JOIN flags f USING (pid) JOIN ${strata} USING (pid) WHERE f.m AND NOT f.x ${GROUPS}`;

// ---- evaluate (timed) ------------------------------------------------------------------------------
const lines = [];
const perMeasure = Object.fromEntries(Object.keys(catalog).map((id) => [id, 0]));
let strataSeconds = 0;
const started = performance.now();
for (let year = first; year <= last; year++) {
  const S = start(year), E = end(year);
  let t = performance.now();
  await c.run(`CREATE OR REPLACE TEMP TABLE strata AS ${strataSql(E)}`);
  strataSeconds += (performance.now() - t) / 1000;
  for (const [id, define] of Object.entries(catalog)) {
    t = performance.now();
    const p = define(year, S, E);
    const rows = (await c.runAndReadAll(p.continuous ? continuousSql(p, 'strata') : measureSql(p, 'strata'))).getRowObjectsJS();
    perMeasure[id] += (performance.now() - t) / 1000;
    for (const r of rows) {
      const g = Number(r.g); // bit i set = STRATIFIERS[n-1-i] rolled up; the set with one column has all others set
      const only = STRATIFIERS.find((s, i) => (g & (1 << (STRATIFIERS.length - 1 - i))) === 0);
      const [stratifier, stratum] = only ? [only, r[only]] : ['*', '*'];
      if (only && !(p.stratifiers ?? STRATIFIERS).includes(only)) continue;
      const put = (population, patients, events) => {
        if (Number(patients) !== 0 || (events !== null && Number(events) !== 0)) {
          lines.push(`${id},${year},${stratifier},${stratum},${population},${patients},${events ?? ''}`);
        }
      };
      if (p.continuous) {
        if (r.kind === 'o') {
          put('measure-observation', r.n, r.score);
        } else {
          put('initial-population', r.ip, null);
          put('measure-population', r.mp, null);
          put('measure-population-exclusion', r.mpex, null);
        }
        continue;
      }
      put('initial-population', r.ip, null);
      put('denominator', r.den, p.denEvents ? r.den_events : null);
      put('denominator-exclusion', r.excl, null);
      put('denominator-exception', r.exc, null);
      put('numerator', r.num, p.numEvents ? r.num_events : null);
    }
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(`duckdb: loaded in ${loadSeconds.toFixed(1)} s (not timed); ${Object.keys(catalog).length} measures x ${last - first + 1} periods x ${STRATIFIERS.length} stratifiers evaluated in ${seconds.toFixed(2)} s (stratifications ${strataSeconds.toFixed(2)} s)`);
for (const [id, s] of Object.entries(perMeasure).sort((a, b) => b[1] - a[1])) {
  console.log(`  ${id.padEnd(44)} ${s.toFixed(2).padStart(7)} s`);
}
console.log(`duckdb: peak resident set ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(`DUCKDB_EVAL_SECONDS=${seconds.toFixed(3)}`);
writeFileSync(duckdbCounts, 'measure,period,stratifier,stratum,population,patients,events\n' + lines.join('\n') + '\n');

// ---- check: every count equal, as sets of lines ------------------------------------------------------
const theirs = new Set(lines);
const ours = new Set(readFileSync(lodestarCounts, 'utf8').trim().split('\n').slice(1));
const onlyLodestar = [...ours].filter((l) => !theirs.has(l));
const onlyDuckdb = [...theirs].filter((l) => !ours.has(l));
if (onlyLodestar.length || onlyDuckdb.length) {
  console.log(`CHECK FAILED: ${onlyLodestar.length} count lines only in Lodestar's results, ${onlyDuckdb.length} only in DuckDB's`);
  for (const l of onlyLodestar.slice(0, 15)) console.log(`  lodestar: ${l}`);
  for (const l of onlyDuckdb.slice(0, 15)) console.log(`  duckdb:   ${l}`);
  process.exit(3);
}
console.log(`check: all ${ours.size} population and stratum counts equal`);
