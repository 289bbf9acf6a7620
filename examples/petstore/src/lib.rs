//! The petstore: a complete apigw API. Handlers served by Lambda keep pets in an in-memory store
//! (a real API would hold an SDK client in `State`); `/health` is answered by API Gateway itself.

use std::collections::BTreeMap;
use std::sync::Mutex;

use apigw::prelude::*;

/// A pet in the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Pet {
    /// Store-assigned identifier.
    pub id: String,
    pub name: String,
    /// Free-form tag, e.g. the species.
    pub tag: Option<String>,
    pub status: PetStatus,
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
    pub name: String,
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
    /// At most this many pets (1-100, default 20).
    pub limit: Option<u32>,
    /// Only pets with this status.
    pub status: Option<PetStatus>,
}

/// The store the handlers share; built once per cold start.
#[derive(Debug, Default)]
pub struct Store {
    pets: Mutex<BTreeMap<String, Pet>>,
    next_id: Mutex<u64>,
}

impl Store {
    fn with<R>(&self, f: impl FnOnce(&mut BTreeMap<String, Pet>) -> R) -> R {
        // A poisoned lock only means another handler panicked mid-update; the map is still valid.
        let mut pets = self.pets.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut pets)
    }

    fn next_id(&self) -> String {
        let mut n = self.next_id.lock().unwrap_or_else(|e| e.into_inner());
        *n += 1;
        format!("pet-{n}")
    }
}

fn validate(pet: &NewPet) -> Result<(), ApiError> {
    if pet.name.trim().is_empty() {
        return Err(ApiError::new("`name` must not be empty"));
    }
    if pet.name.chars().count() > 100 {
        return Err(ApiError::new("`name` must be at most 100 characters"));
    }
    Ok(())
}

#[derive(ApiResponses)]
pub enum ListPetsResponses {
    /// The pets, ordered by id.
    #[status(200)]
    Ok(Json<Vec<Pet>>),
    /// `limit` is out of range.
    #[status(400)]
    BadRequest(Json<ApiError>),
}

/// List pets.
///
/// Pets are ordered by id; filter by `status` and cap the page with `limit`.
#[operation(GET "/pets", tags = ["pets"])]
pub async fn list_pets(query: Query<ListQuery>, store: State<Store>) -> ListPetsResponses {
    let limit = query.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return ListPetsResponses::BadRequest(Json(ApiError::new(
            "`limit` must be between 1 and 100",
        )));
    }
    let pets = store.with(|pets| {
        pets.values()
            .filter(|p| query.status.is_none_or(|s| p.status == s))
            .take(limit as usize)
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
    },
    /// The pet is not valid.
    #[status(422)]
    Invalid(Json<ApiError>),
}

/// Create a pet.
#[operation(POST "/pets", tags = ["pets"])]
pub async fn create_pet(
    pet: Json<NewPet>,
    request: Request,
    store: State<Store>,
) -> CreatePetResponses {
    if let Err(e) = validate(&pet.0) {
        return CreatePetResponses::Invalid(Json(e));
    }
    let id = store.next_id();
    let pet = Pet {
        id: id.clone(),
        name: pet.0.name,
        tag: pet.0.tag,
        status: pet.0.status,
    };
    store.with(|pets| pets.insert(id.clone(), pet.clone()));
    CreatePetResponses::Created {
        body: Json(pet),
        // Absolute, with the stage: a relative `/pets/{id}` would resolve without `/prod`.
        location: request.url_for(&format!("/pets/{id}")),
    }
}

#[derive(ApiResponses)]
pub enum GetPetResponses {
    /// The pet.
    #[status(200)]
    Ok(Json<Pet>),
    /// No pet has this id.
    #[status(404)]
    NotFound(Json<ApiError>),
}

/// Get one pet.
#[operation(GET "/pets/<petId>", tags = ["pets"])]
pub async fn get_pet(pet_id: String, store: State<Store>) -> GetPetResponses {
    match store.with(|pets| pets.get(&pet_id).cloned()) {
        Some(pet) => GetPetResponses::Ok(Json(pet)),
        None => GetPetResponses::NotFound(Json(ApiError::new(format!("no pet `{pet_id}`")))),
    }
}

#[derive(ApiResponses)]
pub enum UpdatePetResponses {
    /// The pet as stored now.
    #[status(200)]
    Ok(Json<Pet>),
    /// No pet has this id.
    #[status(404)]
    NotFound(Json<ApiError>),
    /// The pet is not valid.
    #[status(422)]
    Invalid(Json<ApiError>),
}

/// Replace a pet.
///
/// `If-Match`, when sent, must be the pet's current status; this guards against two clients
/// racing through the adoption process.
#[operation(PUT "/pets/<petId>", tags = ["pets"])]
pub async fn update_pet(
    pet_id: String,
    #[header("If-Match")] if_match: Option<String>,
    pet: Json<NewPet>,
    store: State<Store>,
) -> UpdatePetResponses {
    if let Err(e) = validate(&pet.0) {
        return UpdatePetResponses::Invalid(Json(e));
    }
    store.with(|pets| match pets.get_mut(&pet_id) {
        None => UpdatePetResponses::NotFound(Json(ApiError::new(format!("no pet `{pet_id}`")))),
        Some(current) => {
            if let Some(expected) = if_match {
                let now = serde_json::to_value(current.status).ok();
                if now.as_ref().and_then(|v| v.as_str()) != Some(expected.as_str()) {
                    return UpdatePetResponses::Invalid(Json(ApiError::new(format!(
                        "`If-Match: {expected}` does not match the pet's status"
                    ))));
                }
            }
            current.name = pet.0.name;
            current.tag = pet.0.tag;
            current.status = pet.0.status;
            UpdatePetResponses::Ok(Json(current.clone()))
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
pub async fn delete_pet(pet_id: String, store: State<Store>) -> DeletePetResponses {
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
