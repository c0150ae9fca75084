#ifndef NDFIT_CLAPACK_SHIM_H
#define NDFIT_CLAPACK_SHIM_H
#include <lapacke.h>
#endif
