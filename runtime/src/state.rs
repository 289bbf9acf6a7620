//! Shared state: values built once per cold start (SDK clients, connection pools) and handed to
//! every handler that asks for `State<T>`.

use std::any::{Any, TypeId, type_name};
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::Arc;

use crate::Request;
use crate::extract::{FromRequest, Rejection};

/// The state of one running function: a map from type to value.
#[derive(Clone, Default)]
pub struct Shared(Arc<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>);

impl Shared {
    /// An empty state under construction.
    pub fn builder() -> SharedBuilder {
        SharedBuilder::default()
    }

    /// The value of type `T`, if there is one.
    pub fn get<T: Send + Sync + 'static>(&self) -> Option<Arc<T>> {
        self.0
            .get(&TypeId::of::<T>())
            .cloned()
            .and_then(|v| v.downcast::<T>().ok())
    }
}

#[derive(Default)]
pub struct SharedBuilder(HashMap<TypeId, Arc<dyn Any + Send + Sync>>);

impl SharedBuilder {
    pub fn insert<T: Send + Sync + 'static>(&mut self, value: T) {
        self.0.insert(TypeId::of::<T>(), Arc::new(value));
    }

    pub fn insert_raw(&mut self, id: TypeId, value: Arc<dyn Any + Send + Sync>) {
        self.0.insert(id, value);
    }

    pub fn build(self) -> Shared {
        Shared(Arc::new(self.0))
    }
}

/// A handler argument: the value of type `T` given to `App::state` / `App::state_with`.
#[derive(Debug)]
pub struct State<T>(pub Arc<T>);

impl<T> Clone for State<T> {
    fn clone(&self) -> Self {
        State(self.0.clone())
    }
}

impl<T> Deref for State<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Send + Sync + 'static> FromRequest for State<T> {
    fn from_request(_: &Request, shared: &Shared) -> Result<Self, Rejection> {
        shared.get::<T>().map(State).ok_or_else(|| {
            Rejection::internal(format!(
                "no state of type `{}`: give it to the app with `App::state(...)` or `App::state_with(...)`",
                type_name::<T>()
            ))
        })
    }
}
