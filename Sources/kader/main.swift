import KaderCore
print("kader")
