-- The full /ordinances.csv written by hand: the export's 28 columns, its rows
-- and its order, for `make bench` to time the export against
--   psql -c "COPY (<this query>) TO STDOUT WITH CSV"
-- Its cells are the export's cells byte for byte (formula cells start with
-- an apostrophe, empty text is an empty unquoted cell, dates are ISO 8601),
-- except that the record address starts with http://127.0.0.1, where the
-- export writes the host it was asked on. The export adds a header line and
-- ends rows with CRLF, where COPY ends them with LF.
--
-- Each many-to-many table is aggregated once, per ordinance, in link order.
-- Choice columns (instrument, status, *_precision) need no formula test:
-- their CHECK constraints admit only plain words.
WITH provisions AS (
  SELECT link.ordinance_id,
         string_agg(NULLIF(provision.slug, ''), ';' ORDER BY link.id) AS slugs
  FROM jurisdictions_ordinance_provisions AS link
  JOIN jurisdictions_policyprovision AS provision
    ON provision.id = link.policyprovision_id
  GROUP BY link.ordinance_id
),
sponsors AS (
  SELECT link.ordinance_id,
         string_agg(NULLIF(person.slug, ''), ';' ORDER BY link.id) AS slugs
  FROM jurisdictions_ordinance_sponsors AS link
  JOIN jurisdictions_person AS person ON person.id = link.person_id
  WHERE person.publication_status = 'published'
  GROUP BY link.ordinance_id
),
sources AS (
  SELECT link.ordinance_id,
         string_agg(link.source_id::text, ';' ORDER BY link.id) AS ids,
         string_agg(NULLIF(source.url, ''), ';' ORDER BY link.id) AS urls
  FROM jurisdictions_ordinance_sources AS link
  JOIN jurisdictions_source AS source ON source.id = link.source_id
  GROUP BY link.ordinance_id
)
SELECT
  NULLIF(CASE WHEN left(o.slug, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || o.slug ELSE o.slug END, '') AS slug,
  NULLIF(CASE WHEN left(o.title, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || o.title ELSE o.title END, '') AS title,
  NULLIF(CASE WHEN left(j.slug, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || j.slug ELSE j.slug END, '') AS jurisdiction_slug,
  NULLIF(CASE WHEN left(j.name, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || j.name ELSE j.name END, '') AS jurisdiction_name,
  NULLIF(CASE WHEN left(j.state, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || j.state ELSE j.state END, '') AS state,
  NULLIF(CASE WHEN left(o.number, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || o.number ELSE o.number END, '') AS number,
  NULLIF(CASE WHEN left(o.council_file, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || o.council_file ELSE o.council_file END, '') AS council_file,
  o.instrument,
  o.status,
  o.introduced_on,
  o.introduced_on_precision,
  o.passed_on,
  o.passed_on_precision,
  o.signed_on,
  o.signed_on_precision,
  o.effective_on,
  o.effective_on_precision,
  CASE WHEN o.urgency_clause THEN 'true'
       WHEN NOT o.urgency_clause THEN 'false' END AS urgency_clause,
  CASE WHEN based_on.publication_status = 'published'
        AND based_on_place.publication_status = 'published'
    THEN NULLIF(CASE WHEN left(based_on.slug, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
      THEN '''' || based_on.slug ELSE based_on.slug END, '')
  END AS based_on_slug,
  CASE WHEN left(provisions.slugs, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || provisions.slugs ELSE provisions.slugs END AS provisions,
  CASE WHEN left(sponsors.slugs, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || sponsors.slugs ELSE sponsors.slugs END AS sponsors,
  NULLIF(CASE WHEN left(o.summary, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || o.summary ELSE o.summary END, '') AS summary,
  NULLIF(CASE WHEN left(o.text_url, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || o.text_url ELSE o.text_url END, '') AS text_url,
  o.last_verified_on,
  to_char(o.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
    || CASE WHEN extract(microseconds FROM o.updated_at)::bigint % 1000000 = 0
            THEN '' ELSE to_char(o.updated_at AT TIME ZONE 'UTC', '.US') END
    || '+00:00' AS updated_at,
  sources.ids AS source_ids,
  CASE WHEN left(sources.urls, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || sources.urls ELSE sources.urls END AS source_urls,
  'http://127.0.0.1/ordinances/' || o.slug || '/' AS url
FROM jurisdictions_ordinance AS o
JOIN jurisdictions_jurisdiction AS j ON j.id = o.jurisdiction_id
LEFT JOIN jurisdictions_ordinance AS based_on ON based_on.id = o.based_on_id
LEFT JOIN jurisdictions_jurisdiction AS based_on_place
  ON based_on_place.id = based_on.jurisdiction_id
LEFT JOIN provisions ON provisions.ordinance_id = o.id
LEFT JOIN sponsors ON sponsors.ordinance_id = o.id
LEFT JOIN sources ON sources.ordinance_id = o.id
WHERE o.publication_status = 'published' AND j.publication_status = 'published'
ORDER BY o.main_date DESC NULLS LAST, o.title
