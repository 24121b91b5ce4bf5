/**
 * @file Publishing containers' life cycle: `IN_PROGRESS` → `FINISHED`/`ERROR`/`EXPIRED` after
 * `pollsUntilFinished` status reads, their status texts and `video_status`.
 */

const STATUS_TEXT = {
  IN_PROGRESS: "In Progress: Media is still being processed.",
  FINISHED: "Finished: Media has been uploaded and it is ready to be published.",
  PUBLISHED: "Published: Media has been successfully published.",
  EXPIRED: "Expired: Media container has expired because it was not published within 24 hours.",
  ERROR: "Error: Media upload has failed with error code 2207052",
};

export function containerStatusText(c) {
  return STATUS_TEXT[c.status_code];
}

export function containerVideoStatus(state, c) {
  if (!["VIDEO", "REELS"].includes(c.media_type) && !(c.media_type === "STORIES" && c.video_url) && c.upload_type !== "resumable") {
    return undefined;
  }
  const up = state.uploads.get(c.id);
  const uploaded = c.upload_type === "resumable" ? c.uploadComplete : true;
  const processing =
    c.status_code === "IN_PROGRESS" ? (uploaded ? "in_progress" : "not_started") : c.status_code === "ERROR" ? "error" : "complete";
  return {
    uploading_phase: { status: uploaded ? "complete" : "in_progress", bytes_transferred: up ? up.offset : 0 },
    processing_phase: { status: processing },
  };
}

/** A status read of a container: counts as one poll while it is processing. */
export function pollContainer(state, c) {
  if (c.status_code !== "IN_PROGRESS") return;
  if (c.upload_type === "resumable" && !c.uploadComplete) return;
  if (c.media_type === "CAROUSEL") {
    const kids = c.children.map((id) => state.containers.get(id));
    const bad = kids.find((k) => k && (k.status_code === "ERROR" || k.status_code === "EXPIRED"));
    if (bad) {
      c.status_code = "ERROR";
      return;
    }
  }
  c.polls += 1;
  if (c.polls > c.pollsRequired) c.status_code = c.outcome;
}

/** What a container for this media URL ends as: URLs containing "error"/"expired" fail that way. */
export function outcomeOfUrl(url) {
  const u = String(url ?? "").toLowerCase();
  if (u.includes("error")) return "ERROR";
  if (u.includes("expired")) return "EXPIRED";
  return "FINISHED";
}
