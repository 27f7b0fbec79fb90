-- Evidence photos (issue 14): the image's bytes live in the content-addressed blob store under their SHA-256; a row
-- says which order, what kind of evidence, its pixel size, when and where it was taken (form, else EXIF), who sent it,
-- its thumbnail's blob and a 64-bit perceptual hash (dHash) that finds the same picture re-encoded on another order.
CREATE TABLE work_order_photos (
    id              UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    work_order_id   UNIQUEIDENTIFIER NOT NULL REFERENCES work_orders(id),
    kind            NVARCHAR(20) NOT NULL CHECK (kind IN ('Nameplate','Invoice','FailedPart','SiteBefore','SiteAfter','InstallationCard')),
    sha256          CHAR(64) NOT NULL,
    content_type    NVARCHAR(20) NOT NULL,
    size_bytes      BIGINT NOT NULL CHECK (size_bytes > 0),
    width           INT NOT NULL CHECK (width > 0),
    height          INT NOT NULL CHECK (height > 0),
    taken_at        DATETIMEOFFSET(7) NULL,
    lat_e5          INT NULL,
    lon_e5          INT NULL,
    thumbnail_sha256 CHAR(64) NOT NULL,
    phash           BIGINT NOT NULL,
    uploaded_by     UNIQUEIDENTIFIER NOT NULL REFERENCES users(id),
    created_at      DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT ux_work_order_photos_order_sha256 UNIQUE (work_order_id, sha256)
);
CREATE INDEX ix_work_order_photos_sha256 ON work_order_photos (sha256);
