//! Routing as REST API Gateway routes: the resource tree of [`apigw_spec::route`], the one router
//! apigw has (its in-process test client routes with it too). Method slots hold the index of the
//! method in the deployment.

use crate::error::DeployError;

pub(crate) use apigw_spec::route::NoRoute;

/// A method slot of a resource: the index of the method in the deployment.
pub(crate) type MethodIndex = usize;

/// The deployment's resources.
pub(crate) type Router = apigw_spec::route::Router<MethodIndex>;

impl From<apigw_spec::route::RouteError> for DeployError {
    fn from(e: apigw_spec::route::RouteError) -> Self {
        DeployError::Path {
            path: e.path,
            problem: e.problem,
        }
    }
}
