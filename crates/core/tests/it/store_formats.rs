//! Formats: built-ins merged with custom ones; built-ins are read-only; archive, rename, duplicate.

use crate::common::*;
use stint_core::builtins;
use stint_core::format::FormatOrigin;
use stint_core::{Error, Thing};

#[test]
fn the_list_starts_with_the_builtins_then_custom_formats_by_name() {
    let mut t = temp_store();
    let builtin_ids: Vec<String> = builtins::all().into_iter().map(|f| f.id).collect();
    assert!(!builtin_ids.is_empty());
    t.store.create_format(sprint_draft("zebra sprint"), chrono::Utc::now()).unwrap();
    t.store.create_format(sprint_draft("Alpha sprint"), chrono::Utc::now()).unwrap();
    let list = t.store.list_formats(false).unwrap();
    let ids: Vec<&str> = list.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(&ids[..builtin_ids.len()], builtin_ids.iter().map(String::as_str).collect::<Vec<_>>().as_slice());
    assert_eq!(&ids[builtin_ids.len()..], ["alpha-sprint", "zebra-sprint"]);
    assert!(list[builtin_ids.len()..].iter().all(|f| f.origin == FormatOrigin::Custom && !f.archived));
}

#[test]
fn an_invalid_draft_is_refused_with_its_field_and_nothing_is_stored() {
    let mut t = temp_store();
    let mut draft = sprint_draft("Broken");
    draft.phases.clear();
    let err = t.store.create_format(draft, chrono::Utc::now()).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.field().is_some_and(|f| f.starts_with("phases")), "{err:?}");
    assert_eq!(rows(&t.path, "formats"), 0);

    let id = sprint(&mut t.store);
    let mut bad = sprint_draft("Still fine");
    bad.phases[1].seconds = 0;
    let err = t.store.update_format(&id, bad).unwrap_err();
    assert_eq!(err.field(), Some("phases[1].seconds"), "{err:?}");
    assert_eq!(t.store.format(&id).unwrap().draft, sprint_draft("Sprint"), "unchanged");
    assert_eq!(t.store.rename_format(&id, "  ").unwrap_err().field(), Some("name"));
}

#[test]
fn ids_are_readable_and_unique() {
    let mut t = temp_store();
    let a = t.store.create_format(sprint_draft("Deep Work: 90/15!"), chrono::Utc::now()).unwrap();
    let b = t.store.create_format(sprint_draft("Deep Work: 90/15!"), chrono::Utc::now()).unwrap();
    let c = t.store.create_format(sprint_draft("☕☕"), chrono::Utc::now()).unwrap();
    assert_eq!((a.id.as_str(), b.id.as_str(), c.id.as_str()), ("deep-work-90-15", "deep-work-90-15-2", "format"));
    let builtin = builtins::all().remove(0);
    let clash = t.store.create_format(builtin.draft.clone(), chrono::Utc::now()).unwrap();
    assert_ne!(clash.id, builtin.id);
}

#[test]
fn builtins_cannot_be_edited_only_duplicated() {
    let mut t = temp_store();
    let builtin = builtins::all().remove(0);
    let err = t.store.update_format(&builtin.id, sprint_draft("Mine")).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert_eq!(err.to_string(), "A built-in format cannot be changed. Duplicate it and change the copy.");

    assert_eq!(t.store.rename_format(&builtin.id, "Mine").unwrap_err().code(), "conflict");

    let copy = t.store.duplicate_format(&builtin.id, chrono::Utc::now()).unwrap();
    assert_eq!(copy.origin, FormatOrigin::Custom);
    assert_eq!(copy.draft.name, format!("{} (copy)", builtin.draft.name));
    assert_eq!(copy.draft.phases, builtin.draft.phases);
    let renamed = t.store.rename_format(&copy.id, "My pomodoro").unwrap();
    assert_eq!(renamed.draft.name, "My pomodoro");
    assert_eq!(renamed.id, copy.id, "renaming keeps the id");
    assert_eq!(t.store.format(&builtin.id).unwrap(), builtin, "the original is untouched");
}

#[test]
fn custom_formats_can_be_updated() {
    let mut t = temp_store();
    let id = sprint(&mut t.store);
    let mut draft = sprint_draft("Sprint");
    draft.phases.pop();
    let updated = t.store.update_format(&id, draft.clone()).unwrap();
    assert_eq!(updated.draft, draft);
    assert_eq!(t.store.format(&id).unwrap().draft, draft);
}

#[test]
fn archiving_hides_a_format_until_it_is_unarchived() {
    let mut t = temp_store();
    let custom = sprint(&mut t.store);
    let builtin = builtins::all().remove(0).id;
    for id in [&custom, &builtin] {
        assert!(t.store.archive_format(id, true).unwrap().archived);
        assert!(!t.store.list_formats(false).unwrap().iter().any(|f| &f.id == id));
        assert!(t.store.list_formats(true).unwrap().iter().any(|f| &f.id == id && f.archived));
        assert!(t.store.format(id).unwrap().archived);
        assert!(!t.store.archive_format(id, false).unwrap().archived);
        assert!(t.store.list_formats(false).unwrap().iter().any(|f| &f.id == id && !f.archived));
    }
}

#[test]
fn unknown_formats_are_not_found() {
    let mut t = temp_store();
    for err in [
        t.store.format("nope").unwrap_err(),
        t.store.update_format("nope", sprint_draft("x")).unwrap_err(),
        t.store.duplicate_format("nope", chrono::Utc::now()).unwrap_err(),
        t.store.archive_format("nope", true).unwrap_err(),
    ] {
        assert_eq!(err, Error::NotFound(Thing::Format));
    }
    assert_eq!(rows(&t.path, "archived_builtins"), 0);
}

#[test]
fn drafts_are_stored_trimmed_and_a_long_name_still_gets_a_valid_copy() {
    let mut t = temp_store();
    let name = format!("  {}  ", "N".repeat(stint_core::format::MAX_NAME_CHARS));
    let stored = t.store.create_format(sprint_draft(&name), chrono::Utc::now()).unwrap();
    assert_eq!(stored.draft.name, "N".repeat(stint_core::format::MAX_NAME_CHARS));
    assert_eq!(t.store.format(&stored.id).unwrap().draft.name, stored.draft.name);
    let copy = t.store.duplicate_format(&stored.id, chrono::Utc::now()).unwrap();
    assert_eq!(copy.draft.name.chars().count(), stint_core::format::MAX_NAME_CHARS);
    assert!(copy.draft.name.ends_with("N (copy)"), "{}", copy.draft.name);
}
