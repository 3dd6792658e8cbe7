-- The frame a sensor's pixel coordinates are in: DeepStream's streammux width and height (1920×1080 in NVIDIA's
-- reference configurations, hence the default). The gateway refuses zones and lines outside it.
ALTER TABLE sensors
    ADD COLUMN frame_width integer NOT NULL DEFAULT 1920 CHECK (frame_width BETWEEN 1 AND 16384),
    ADD COLUMN frame_height integer NOT NULL DEFAULT 1080 CHECK (frame_height BETWEEN 1 AND 16384);
