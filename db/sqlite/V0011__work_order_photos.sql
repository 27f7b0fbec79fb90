-- Evidence photos (issue 14): the image's bytes live in the content-addressed blob store under their SHA-256; a row
-- says which order, what kind of evidence, its pixel size, when and where it was taken (form, else EXIF), who sent it,
-- its thumbnail's blob and a 64-bit perceptual hash (dHash) that finds the same picture re-encoded on another order.
CREATE TABLE work_order_photos (
    id              TEXT PRIMARY KEY,
    work_order_id   TEXT NOT NULL REFERENCES work_orders(id),
    kind            TEXT NOT NULL CHECK (kind IN ('Nameplate','Invoice','FailedPart','SiteBefore','SiteAfter','InstallationCard')),
    sha256          TEXT NOT NULL,
    content_type    TEXT NOT NULL,
    size_bytes      INTEGER NOT NULL CHECK (size_bytes > 0),
    width           INTEGER NOT NULL CHECK (width > 0),
    height          INTEGER NOT NULL CHECK (height > 0),
    taken_at        TEXT NULL,
    lat_e5          INTEGER NULL,
    lon_e5          INTEGER NULL,
    thumbnail_sha256 TEXT NOT NULL,
    phash           INTEGER NOT NULL,
    uploaded_by     TEXT NOT NULL REFERENCES users(id),
    created_at      TEXT NOT NULL,
    UNIQUE (work_order_id, sha256)
);
CREATE INDEX ix_work_order_photos_sha256 ON work_order_photos (sha256);
