//! The petstore: a complete apigw API. Handlers served by Lambda keep pets in an in-memory store
//! (a real API would hold an SDK client in `State`); `/health` is answered by API Gateway itself.

use std::collections::BTreeMap;
use std::sync::Mutex;

use apigw::prelude::*;
use apigw::{ETag, IfMatch, NON_BLANK};

/// A pet in the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Pet {
    pub id: PetId,
    pub name: PetName,
    /// Free-form tag, e.g. the species.
    pub tag: Option<String>,
    pub status: PetStatus,
}

/// Store-assigned identifier: `pet-` and a number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
// The pattern is the whole rule: apigw refuses any other `petId` before a handler runs.
pub struct PetId(#[schemars(regex(pattern = r"^pet-[1-9][0-9]{0,18}$"))] String);

impl PetId {
    fn new(number: u64) -> PetId {
        PetId(format!("pet-{number}"))
    }
}

impl std::str::FromStr for PetId {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<PetId, Self::Err> {
        Ok(PetId(s.to_string()))
    }
}

impl std::fmt::Display for PetId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A pet's name: not blank, at most 100 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct PetName(#[schemars(length(max = 100), regex(pattern = NON_BLANK))] String);

impl PetName {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Where a pet is in the adoption process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PetStatus {
    Available,
    Pending,
    Adopted,
}

/// What a client sends to create or replace a pet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewPet {
    pub name: PetName,
    pub tag: Option<String>,
    #[serde(default = "available")]
    pub status: PetStatus,
}

fn available() -> PetStatus {
    PetStatus::Available
}

/// Query parameters of `GET /pets`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct ListQuery {
    /// At most this many pets.
    #[serde(default = "default_limit")]
    #[schemars(range(min = 1, max = 100))]
    pub limit: u32,
    /// Only pets with this status.
    pub status: Option<PetStatus>,
}

fn default_limit() -> u32 {
    20
}

/// A stored pet and its version, which changes with every update (its entity tag).
#[derive(Debug, Clone)]
struct Entry {
    pet: Pet,
    version: u64,
}

impl Entry {
    fn etag(&self) -> ETag {
        ETag::from(self.version)
    }
}

/// The store the handlers share; built once per cold start.
#[derive(Debug, Default)]
pub struct Store {
    pets: Mutex<BTreeMap<PetId, Entry>>,
    next_id: Mutex<u64>,
}

impl Store {
    fn with<R>(&self, f: impl FnOnce(&mut BTreeMap<PetId, Entry>) -> R) -> R {
        // A poisoned lock only means another handler panicked mid-update; the map is still valid.
        let mut pets = self.pets.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut pets)
    }

    fn next_id(&self) -> PetId {
        let mut n = self.next_id.lock().unwrap_or_else(|e| e.into_inner());
        *n += 1;
        PetId::new(*n)
    }
}

#[derive(ApiResponses)]
pub enum ListPetsResponses {
    /// The pets, ordered by id.
    #[status(200)]
    Ok(Json<Vec<Pet>>),
}

/// List pets.
///
/// Pets are ordered by id; filter by `status` and cap the page with `limit`.
#[operation(GET "/pets", tags = ["pets"])]
pub async fn list_pets(query: Query<ListQuery>, store: State<Store>) -> ListPetsResponses {
    let pets = store.with(|pets| {
        pets.values()
            .map(|entry| &entry.pet)
            .filter(|p| query.status.is_none_or(|s| p.status == s))
            .take(query.limit as usize)
            .cloned()
            .collect()
    });
    ListPetsResponses::Ok(Json(pets))
}

#[derive(ApiResponses)]
pub enum CreatePetResponses {
    /// The pet was created.
    #[status(201)]
    Created {
        body: Json<Pet>,
        /// Where the new pet lives: its URL.
        #[header("Location")]
        location: String,
        /// The pet's version, for `If-Match`.
        #[header("ETag")]
        etag: ETag,
    },
}

/// Create a pet.
#[operation(POST "/pets", tags = ["pets"])]
pub async fn create_pet(
    pet: Json<NewPet>,
    request: Request,
    store: State<Store>,
) -> CreatePetResponses {
    let id = store.next_id();
    let entry = Entry {
        pet: Pet {
            id: id.clone(),
            name: pet.0.name,
            tag: pet.0.tag,
            status: pet.0.status,
        },
        version: 1,
    };
    let etag = entry.etag();
    let pet = entry.pet.clone();
    store.with(|pets| pets.insert(id.clone(), entry));
    CreatePetResponses::Created {
        body: Json(pet),
        // Absolute, with the stage: a relative `/pets/{id}` would resolve without `/prod`.
        location: request.url_for(&format!("/pets/{id}")),
        etag,
    }
}

#[derive(ApiResponses)]
pub enum GetPetResponses {
    /// The pet.
    #[status(200)]
    Ok {
        body: Json<Pet>,
        /// The pet's version, for `If-Match`.
        #[header("ETag")]
        etag: ETag,
    },
    /// No pet has this id.
    #[status(404)]
    NotFound(Json<ApiError>),
}

/// Get one pet.
#[operation(GET "/pets/<petId>", tags = ["pets"])]
pub async fn get_pet(pet_id: PetId, store: State<Store>) -> GetPetResponses {
    match store.with(|pets| pets.get(&pet_id).cloned()) {
        Some(entry) => GetPetResponses::Ok {
            etag: entry.etag(),
            body: Json(entry.pet),
        },
        None => GetPetResponses::NotFound(Json(ApiError::new(format!("no pet `{pet_id}`")))),
    }
}

#[derive(ApiResponses)]
pub enum UpdatePetResponses {
    /// The pet as stored now.
    #[status(200)]
    Ok {
        body: Json<Pet>,
        /// The pet's new version.
        #[header("ETag")]
        etag: ETag,
    },
    /// No pet has this id.
    #[status(404)]
    NotFound(Json<ApiError>),
    /// `If-Match` names none of the pet's current version: another client changed it first.
    #[status(412)]
    PreconditionFailed(Json<ApiError>),
}

/// Replace a pet.
///
/// Send the `ETag` of the pet you read as `If-Match` (or `*` for any version): if another client
/// changed the pet since, nothing is replaced and the answer is 412.
#[operation(PUT "/pets/<petId>", tags = ["pets"])]
pub async fn update_pet(
    pet_id: PetId,
    #[header("If-Match")] if_match: Option<IfMatch>,
    pet: Json<NewPet>,
    store: State<Store>,
) -> UpdatePetResponses {
    store.with(|pets| match pets.get_mut(&pet_id) {
        None => UpdatePetResponses::NotFound(Json(ApiError::new(format!("no pet `{pet_id}`")))),
        Some(entry) => {
            let current = entry.etag();
            if let Some(condition) = if_match
                && !condition.matches(&current)
            {
                return UpdatePetResponses::PreconditionFailed(Json(ApiError::new(format!(
                    "`If-Match: {condition}` does not match the pet's current version {current}"
                ))));
            }
            entry.pet.name = pet.0.name;
            entry.pet.tag = pet.0.tag;
            entry.pet.status = pet.0.status;
            entry.version += 1;
            UpdatePetResponses::Ok {
                etag: entry.etag(),
                body: Json(entry.pet.clone()),
            }
        }
    })
}

#[derive(ApiResponses)]
pub enum DeletePetResponses {
    /// The pet is gone.
    #[status(204)]
    Deleted,
    /// No pet has this id.
    #[status(404)]
    NotFound(Json<ApiError>),
}

/// Delete a pet.
#[operation(DELETE "/pets/<petId>", tags = ["pets"])]
pub async fn delete_pet(pet_id: PetId, store: State<Store>) -> DeletePetResponses {
    match store.with(|pets| pets.remove(&pet_id)) {
        Some(_) => DeletePetResponses::Deleted,
        None => DeletePetResponses::NotFound(Json(ApiError::new(format!("no pet `{pet_id}`")))),
    }
}

/// The body of `GET /health`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Health {
    pub status: String,
}

#[derive(ApiResponses)]
pub enum HealthResponses {
    /// The API is up.
    #[status(200)]
    Ok(Json<Health>),
}

fn healthy() -> HealthResponses {
    HealthResponses::Ok(Json(Health {
        status: "ok".into(),
    }))
}

/// Health check, answered by API Gateway without invoking Lambda.
#[operation(GET "/health", id = "health", tags = ["ops"], responses = HealthResponses)]
#[mock_integration(with = healthy)]
pub struct HealthCheck;

#[derive(ApiResponses)]
pub enum PanicResponses {
    /// Never answered: the handler panics.
    #[status(200)]
    Ok,
}

/// Deliberately panics.
///
/// Shows (and the tests check) that a panicking handler answers 500 and the function keeps
/// serving the next event.
#[operation(GET "/debug/panic", tags = ["ops"], deprecated)]
pub async fn debug_panic() -> PanicResponses {
    panic!("debug_panic was called")
}

/// The petstore application.
pub fn app() -> App {
    App::new("Petstore")
        .version(env!("CARGO_PKG_VERSION"))
        .description("A pet store served by apigw: Lambda handlers and an API Gateway mock.")
        .state(Store::default())
}
