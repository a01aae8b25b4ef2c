import KaderCore
