-- The full /ordinances.csv written by hand: the export's 33 columns, its rows
-- and its order, for `make bench` to time the export against
--   psql -c "COPY (<this query>) TO STDOUT WITH CSV"
-- Its cells are the export's cells byte for byte (formula cells start with
-- an apostrophe, empty text is an empty unquoted cell, dates are ISO 8601),
-- except that the record address starts with http://127.0.0.1, where the
-- export writes the host it was asked on. The export adds a header line and
-- ends rows with CRLF, where COPY ends them with LF.
--
-- Each many-to-many table, and each table of force (court blocks, changes
-- by other instruments; jurisdictions/force/sql.py), is aggregated once,
-- per ordinance, in its order, and LEFT JOINed: one pass over each table,
-- where a subquery per row and column probes an index for every cell.
-- Choice columns (instrument, status, *_precision) need no formula test:
-- their CHECK constraints admit only plain words.
WITH blocks AS (
  -- A block in words: force.words.BLOCK_TEMPLATES by (standing, dated),
  -- each date at its precision (dates.date_text(), English).
  SELECT block.ordinance_id,
         string_agg(provision.slug, ';' ORDER BY block.blocked_on NULLS LAST,
                    block.id) FILTER (WHERE block.lifted_on IS NULL) AS standing_slugs,
         string_agg(item.text, '; ' ORDER BY block.blocked_on NULLS LAST,
                    block.id) FILTER (WHERE block.lifted_on IS NULL) AS standing,
         string_agg(item.text, '; ' ORDER BY block.blocked_on NULLS LAST,
                    block.id) FILTER (WHERE block.lifted_on IS NOT NULL) AS lifted
  FROM jurisdictions_provisionblock AS block
  JOIN jurisdictions_policyprovision AS provision
    ON provision.id = block.provision_id
  LEFT JOIN jurisdictions_case AS court_case ON court_case.id = block.case_id
  CROSS JOIN LATERAL (
    SELECT block.clause || ' (blocked by '
      || CASE WHEN court_case.publication_status = 'published' THEN court_case.title
              WHEN block.court <> '' THEN block.court ELSE 'a court' END
      || CASE WHEN block.blocked_on IS NOT NULL AND block.lifted_on IS NULL
                THEN ' since ' || since.text
              WHEN block.blocked_on IS NOT NULL THEN ' from ' || since.text
              ELSE '' END
      || CASE WHEN block.lifted_on IS NOT NULL THEN ' until ' || until.text
              ELSE '' END
      || ')' AS text
    FROM (SELECT to_char(block.blocked_on,
                   CASE block.blocked_on_precision WHEN 'year' THEN 'FMYYYY'
                        WHEN 'month' THEN 'FMMonth FMYYYY'
                        ELSE 'FMDD Mon FMYYYY' END) AS text) AS since,
         (SELECT to_char(block.lifted_on,
                   CASE block.lifted_on_precision WHEN 'year' THEN 'FMYYYY'
                        WHEN 'month' THEN 'FMMonth FMYYYY'
                        ELSE 'FMDD Mon FMYYYY' END) AS text) AS until
  ) AS item
  GROUP BY block.ordinance_id
),
changes AS (
  -- What published instruments did to each ordinance, by date.
  SELECT change.target_id,
         (array_agg(acting.slug ORDER BY change.on NULLS LAST, change.id)
            FILTER (WHERE change.kind IN ('rescinds', 'supersedes')))[1] AS ended_by,
         string_agg(acting.slug, ';' ORDER BY change.on NULLS LAST, change.id)
            FILTER (WHERE change.kind = 'amends') AS amended_by
  FROM jurisdictions_instrumentchange AS change
  JOIN jurisdictions_ordinance AS acting ON acting.id = change.acting_id
  JOIN jurisdictions_jurisdiction AS acting_place
    ON acting_place.id = acting.jurisdiction_id
  WHERE acting.publication_status = 'published'
    AND acting_place.publication_status = 'published'
  GROUP BY change.target_id
),
provisions AS (
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
  NULLIF(CASE WHEN left(o.issued_by, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || o.issued_by ELSE o.issued_by END, '') AS issued_by,
  o.status,
  CASE WHEN left(blocks.standing_slugs, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || blocks.standing_slugs ELSE blocks.standing_slugs END
    AS blocked_provisions,
  NULLIF(CASE WHEN left(note.text, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || note.text ELSE note.text END, '') AS in_force_note,
  CASE WHEN left(changes.ended_by, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || changes.ended_by ELSE changes.ended_by END AS ended_by,
  CASE WHEN left(changes.amended_by, 1) IN ('=', '+', '-', '@', E'\t', E'\r', E'\n')
    THEN '''' || changes.amended_by ELSE changes.amended_by END AS amended_by,
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
LEFT JOIN blocks ON blocks.ordinance_id = o.id
LEFT JOIN changes ON changes.target_id = o.id
-- force.sql_in_force_note(): what still binds, then what no longer does.
CROSS JOIN LATERAL (
  SELECT CASE WHEN blocks.ordinance_id IS NULL AND o.status <> 'enjoined_in_part'
    THEN NULL
    ELSE trim(coalesce(
        CASE WHEN o.status IN ('in_effect', 'enjoined_in_part')
          THEN 'In effect except: ' ELSE 'Blocked: ' END || blocks.standing || '.',
        CASE WHEN o.status = 'enjoined_in_part' THEN
          'In effect in part; which provisions a court blocked is not recorded.'
        END, '')
      || ' ' || coalesce('No longer blocked: ' || blocks.lifted || '.', ''))
  END AS text
) AS note
WHERE o.publication_status = 'published' AND j.publication_status = 'published'
ORDER BY o.main_date DESC NULLS LAST, o.title
