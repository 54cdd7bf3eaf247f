//! The OAuth 2.0 client ids Stint was given, one per authorization server (by issuer), kept across
//! restarts so that Stint registers with each server once.

use chrono::Utc;
use stint_core::store::Store;

use crate::common::{temp_store, TestStore};

#[test]
fn a_client_id_is_kept_per_issuer_and_survives_a_restart() {
    let TestStore { mut store, path, dir: _dir } = temp_store();
    assert_eq!(store.oauth_client("https://auth.example.org/").unwrap(), None);
    store.set_oauth_client("https://auth.example.org/", "client-a").unwrap();
    store.set_oauth_client("https://account.other.org/", "client-b").unwrap();
    store.set_oauth_client("https://auth.example.org/", "client-a2").unwrap();
    drop(store);
    let (mut store, _) = Store::open(&path, Utc::now()).unwrap();
    assert_eq!(store.oauth_client("https://auth.example.org/").unwrap().as_deref(), Some("client-a2"));
    assert_eq!(store.oauth_client("https://account.other.org/").unwrap().as_deref(), Some("client-b"));
    assert_eq!(store.oauth_client("https://unknown.example/").unwrap(), None);
}

#[test]
fn the_list_of_issuers_stays_bounded() {
    let mut test = temp_store();
    let store = &mut test.store;
    for i in 0..200 {
        store.set_oauth_client(&format!("https://auth{i}.example/"), &format!("c{i}")).unwrap();
    }
    assert_eq!(store.oauth_client("https://auth199.example/").unwrap().as_deref(), Some("c199"));
    let kept = (0..200).filter(|i| store.oauth_client(&format!("https://auth{i}.example/")).unwrap().is_some()).count();
    assert!(kept <= 32, "{kept} issuers kept");
}
