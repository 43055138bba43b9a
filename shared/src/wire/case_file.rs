//! The case file (卷宗): one printable dossier per case, a cover with the case's particulars
//! and an index, then every document in the order it was issued, then the history. Internal
//! notes go in only when the reader asks for them (every staff reader of a case may see
//! them; the archived copy is usually made without).

use crate::case::Visibility;
use crate::documents::{DocumentKind, DocumentState};
use crate::wire::documents::DocumentView;
use crate::wire::views::{CaseDetail, StaffEvent};
use serde::{Deserialize, Serialize};

/// `GET /api/staff/cases/{code}/file`: the case as its reader may see it, and its documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseFileView {
    pub case: CaseDetail,
    /// Oldest first, void ones too (marked).
    pub documents: Vec<DocumentView>,
}

/// One line of the file's index: what it is, its number, and the sheet it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    pub kind: Option<DocumentKind>,
    pub number_text: String,
    pub void: bool,
    /// 1 is the cover; each document is one entry of sheets, the history the last.
    pub sheet: usize,
}

/// The index of the file: each document from sheet 2 on, then the history.
pub fn file_index(file: &CaseFileView) -> Vec<IndexEntry> {
    let mut entries: Vec<IndexEntry> = file
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| IndexEntry {
            kind: Some(d.summary.kind),
            number_text: d.summary.number_text.clone(),
            void: matches!(d.summary.state, DocumentState::Void { .. }),
            sheet: i + 2,
        })
        .collect();
    entries.push(IndexEntry {
        kind: None,
        number_text: String::new(),
        void: false,
        sheet: file.documents.len() + 2,
    });
    entries
}

/// The history as the file prints it: oldest first, internal notes only when asked for.
pub fn file_timeline(case: &CaseDetail, include_internal: bool) -> Vec<&StaffEvent> {
    let mut events: Vec<&StaffEvent> = case
        .timeline
        .iter()
        .filter(|e| include_internal || e.visibility == Visibility::Public)
        .collect();
    events.sort_by_key(|e| e.seq);
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::CommandKind as K;
    use crate::testing::{after, filed_dispute, sample_actor};
    use crate::wire::views::case_detail;
    use chrono::Utc;

    #[test]
    fn the_file_keeps_internal_notes_out_unless_asked_and_indexes_every_document() {
        let case = after(filed_dispute(), &[K::Accept, K::AddNote, K::SetHandlers]);
        let reader = sample_actor(K::Accept);
        let detail = case_detail(
            &case,
            &crate::time_limits::TimeLimits::defaults(),
            Utc::now(),
            Vec::new(),
            &reader,
        );
        let all = file_timeline(&detail, true);
        let public = file_timeline(&detail, false);
        assert!(public.len() < all.len(), "the internal note is left out");
        assert!(public.iter().all(|e| e.visibility == Visibility::Public));
        assert!(all.windows(2).all(|w| w[0].seq < w[1].seq), "oldest first");
        let file = CaseFileView {
            case: detail,
            documents: Vec::new(),
        };
        let index = file_index(&file);
        assert_eq!(index.len(), 1, "the history alone");
        assert_eq!(index[0].sheet, 2);
    }
}
