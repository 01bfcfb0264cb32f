-- bit32: Lua 5.2's bit32 library on 32-bit unsigned integers, written for wikibio from
-- the Lua 5.2 reference manual (§6.7), as Scribunto's reference manual describes it.
return function ()
	local floor = math.floor
	local bit32 = {}
	local MOD = 2^32

	local function norm( x )
		x = tonumber( x )
		if x == nil then
			error( 'bad argument to bit32 function (number expected)', 3 )
		end
		x = floor( x ) % MOD
		return x
	end

	local function bitop( a, b, truth )
		local r, p = 0, 1
		for _ = 1, 32 do
			local ra, rb = a % 2, b % 2
			if truth( ra, rb ) then
				r = r + p
			end
			a, b = ( a - ra ) / 2, ( b - rb ) / 2
			p = p * 2
		end
		return r
	end
	local function tAnd( a, b ) return a == 1 and b == 1 end
	local function tOr( a, b ) return a == 1 or b == 1 end
	local function tXor( a, b ) return a ~= b end

	local function fold( truth, init, ... )
		local r = init
		for i = 1, select( '#', ... ) do
			r = bitop( r, norm( ( select( i, ... ) ) ), truth )
		end
		return r
	end

	function bit32.band( ... ) return fold( tAnd, MOD - 1, ... ) end
	function bit32.bor( ... ) return fold( tOr, 0, ... ) end
	function bit32.bxor( ... ) return fold( tXor, 0, ... ) end
	function bit32.btest( ... ) return bit32.band( ... ) ~= 0 end
	function bit32.bnot( x ) return MOD - 1 - norm( x ) end

	function bit32.lshift( x, disp )
		x, disp = norm( x ), floor( tonumber( disp ) or 0 )
		if disp < 0 then return bit32.rshift( x, -disp ) end
		if disp >= 32 then return 0 end
		return ( x * 2^disp ) % MOD
	end
	function bit32.rshift( x, disp )
		x, disp = norm( x ), floor( tonumber( disp ) or 0 )
		if disp < 0 then return bit32.lshift( x, -disp ) end
		if disp >= 32 then return 0 end
		return floor( x / 2^disp )
	end
	function bit32.arshift( x, disp )
		x, disp = norm( x ), floor( tonumber( disp ) or 0 )
		if disp <= 0 then return bit32.lshift( x, -disp ) end
		local high = x >= 2^31
		if disp >= 32 then return high and MOD - 1 or 0 end
		local r = floor( x / 2^disp )
		if high then
			r = r + ( MOD - 2^( 32 - disp ) )
		end
		return r
	end
	function bit32.lrotate( x, disp )
		x, disp = norm( x ), floor( tonumber( disp ) or 0 ) % 32
		return ( ( x * 2^disp ) % MOD ) + floor( x / 2^( 32 - disp ) )
	end
	function bit32.rrotate( x, disp )
		return bit32.lrotate( x, -( floor( tonumber( disp ) or 0 ) ) )
	end
	local function fieldArgs( n, field, width )
		field, width = floor( tonumber( field ) or 0 ), floor( tonumber( width ) or 1 )
		if field < 0 then error( "bad argument #2 to 'extract' (field cannot be negative)", 3 ) end
		if width <= 0 then error( "bad argument #3 to 'extract' (width must be positive)", 3 ) end
		if field + width > 32 then error( 'trying to access non-existent bits', 3 ) end
		return field, width
	end
	function bit32.extract( n, field, width )
		n = norm( n )
		field, width = fieldArgs( n, field, width )
		return floor( n / 2^field ) % 2^width
	end
	function bit32.replace( n, v, field, width )
		n, v = norm( n ), norm( v )
		field, width = fieldArgs( n, field, width )
		local mask = 2^width
		local old = floor( n / 2^field ) % mask
		return n - old * 2^field + ( v % mask ) * 2^field
	end
	return bit32
end
